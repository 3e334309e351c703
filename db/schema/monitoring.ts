import { bigint, integer, pgTable } from "drizzle-orm/pg-core";
import { updatedAt } from "./columns";

// The version of the data the dashboard, Tổng quan's overseers' counts and the reports are computed from
// (issue 12): one counter, moved by triggers in the transaction of every change to the incoming and outgoing
// documents, their parts, the organisation and the calendar (migration 0026). Each app instance keeps the
// figures it computed under the version it read before computing them (lib/monitoring/cache.ts), so a
// change committed by any instance makes every instance compute again.
export const dataVersions = pgTable("data_versions", {
  id: integer("id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(0),
  updatedAt: updatedAt(),
});
