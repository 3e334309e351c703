import { bigint, pgTable, uuid } from "drizzle-orm/pg-core";
import { updatedAt } from "./columns";
import { agencies } from "./org";

// The version of an agency's data the dashboard, Tổng quan's overseers' counts and the reports are computed
// from (issue 12): one counter per agency, moved by triggers at the commit of every change to its incoming and
// outgoing documents, their parts, its organisation and its calendar (migrations 0026 and 0033). Each app
// instance keeps the figures it computed under the version it read before computing them
// (lib/cache/data-version.ts), so a change committed by any instance makes every instance compute that agency's
// figures again, and only that agency's: in a province of a hundred agencies the others' writes do not.
export const agencyDataVersions = pgTable("agency_data_versions", {
  agencyId: uuid("agency_id").primaryKey().references(() => agencies.id, { onDelete: "cascade" }),
  version: bigint("version", { mode: "number" }).notNull().default(0),
  updatedAt: updatedAt(),
});
