import { and, eq, ne } from "drizzle-orm";
import type { z } from "zod";
import { openDb, type Db, type DbHandle } from "@/db/client";
import { agencies, agencyDirectory, incomingAssignments, units, users } from "@/db/schema";
import { executeAction, type ActionCaller, type ActionDefinition } from "@/lib/actions/define";
import { newIdempotencyKey, withIdempotencyKey } from "@/lib/actions/idempotency-field";
import { loadActor } from "@/lib/auth/actor";
import { pdfDocument } from "@/lib/registers/pdf";
import { saveUpload } from "@/lib/storage/store";

// The steps of an installation's people through the real actions (the one wrapper, executeAction), on
// that installation's database: for B on PostgreSQL while its server runs, and for A (PGlite) before its
// server starts (tests/exchange/prepare-drafts.ts). What a form would send, as that person.

const META = { ip: "127.0.0.1", userAgent: "exchange-two-test" };

export interface Actors {
  db: Db;
  agencyId: string;
  act<S extends z.ZodType, T, R>(def: ActionDefinition<S, T, R>, username: string, input: z.input<S>): Promise<R>;
  user(username: string): Promise<string>;
  unit(code: string): Promise<string>;
  partner(organId: string): Promise<string>;
  /** A small PDF stored as `username`'s upload; returns the file id. */
  pdf(username: string, name: string, title: string, filesRoot?: string): Promise<string>;
  /** The open part of an incoming document held by a person. */
  part(documentId: string, username: string): Promise<string>;
  close(): Promise<void>;
}

export async function actorsOn(opts: { url?: string; dataDir?: string; organId: string }): Promise<Actors> {
  const handle: DbHandle = await openDb(opts.url ? { url: opts.url, migrate: false } : { dataDir: opts.dataDir, migrate: false });
  const db = handle.db;
  const [agency] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.organId, opts.organId));
  if (!agency) throw new Error(`no agency ${opts.organId}`);
  const user = async (username: string) => {
    const [u] = await db.select({ id: users.id }).from(users).where(and(eq(users.agencyId, agency.id), eq(users.username, username)));
    if (!u) throw new Error(`no user ${username}`);
    return u.id;
  };
  const caller = async (username: string): Promise<ActionCaller> => ({ userId: await user(username), sessionId: "exchange-two", meta: META });
  return {
    db,
    agencyId: agency.id,
    async act(def, username, input) {
      const r = await executeAction(def, await caller(username), withIdempotencyKey(input, newIdempotencyKey()), db);
      if (!r.ok) throw new Error(`${def.name} by ${username} was refused: ${r.formError} ${JSON.stringify(r.fieldErrors ?? {})}`);
      return r.data;
    },
    user,
    async unit(code) {
      const [u] = await db.select({ id: units.id }).from(units).where(and(eq(units.agencyId, agency.id), eq(units.code, code)));
      if (!u) throw new Error(`no unit ${code}`);
      return u.id;
    },
    async partner(organId) {
      const [d] = await db.select({ id: agencyDirectory.id }).from(agencyDirectory).where(and(eq(agencyDirectory.agencyId, agency.id), eq(agencyDirectory.organId, organId)));
      if (!d) throw new Error(`no directory entry ${organId}`);
      return d.id;
    },
    async pdf(username, name, title, filesRoot) {
      const bytes = await pdfDocument({ size: "A4", margin: 60, info: { Title: title, Author: "exchange-two-test" } }, (doc) => {
        doc.font("bold").fontSize(13).text(title, { align: "center" }).moveDown();
        doc.font("regular").fontSize(11).text("Văn bản thử liên thông giữa hai hệ thống.");
      });
      const actor = await loadActor(db, await user(username));
      const saved = await saveUpload(db, actor!, META, { name, body: (async function* () { yield new Uint8Array(bytes); })() }, filesRoot ? { root: filesRoot } : {});
      return saved.id;
    },
    async part(documentId, username) {
      const [row] = await db
        .select({ id: incomingAssignments.id })
        .from(incomingAssignments)
        .where(and(eq(incomingAssignments.documentId, documentId), ne(incomingAssignments.status, "done"), eq(incomingAssignments.userId, await user(username))));
      if (!row) throw new Error(`no open part of ${username} on ${documentId}`);
      return row.id;
    },
    close: () => handle.close(),
  };
}
