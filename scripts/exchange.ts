/**
 * Operator command for liên thông (issue 13): `npm run exchange -- <command>`
 *
 *   identity import-p12 --agency ORGANID FILE.p12     the agency's exchange key + certificate (password in
 *                                                      EXCHANGE_P12_PASSWORD, never on the command line)
 *   partner add --agency ORGANID --organ-id X --name N (--direct URL | --axis) [--cert CERT.pem] [--ca CA.pem]
 *                                                      adds a partner agency to the directory, or updates the
 *                                                      entry with that mã định danh (or that name, still without one)
 *   partner list [--agency ORGANID]                    one JSON line per directory entry with a mã định danh
 *   queue [--agency ORGANID]                           exchange messages counted by direction and state (JSON)
 *
 * Works on the database the app uses (DATABASE_URL, else PGlite in DATA_DIR: stop the app first, PGlite is
 * opened by one process at a time). The changes are the administration screens' own actions (lib/exchange/admin.ts:
 * exchange.key.importPkcs12, exchange.directory.create/update), run as the agency's administrator (--as USERNAME,
 * else the first active one), with their checks and audit entries. Secrets are sealed with EXCHANGE_SECRET (else
 * AUTH_SECRET, else the data folder's generated secret), as the app does.
 */
import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { configuredMigrationOptions, openDb, type Db } from "../db/client";
import { agencies, agencyDirectory, exchangeIdentities, exchangeMessages, positions, userPositions, users } from "../db/schema";
import { executeAction, type ActionCaller, type ActionDefinition } from "../lib/actions/define";
import { newIdempotencyKey, withIdempotencyKey } from "../lib/actions/idempotency-field";
import { createPartner, importPkcs12, updatePartner } from "../lib/exchange/admin";
import { ensureAuthSecret } from "./env";

const USAGE = `Cách dùng: npm run exchange -- <lệnh>
  identity import-p12 --agency MÃ_ĐỊNH_DANH [--as QUẢN_TRỊ] TỆP.p12      (mật khẩu trong biến EXCHANGE_P12_PASSWORD)
  partner add [--as QUẢN_TRỊ] --agency MÃ_ĐỊNH_DANH --organ-id MÃ --name "Tên cơ quan" (--direct URL | --axis) [--cert CHỨNG_THƯ.pem] [--ca CA.pem]
  partner list [--agency MÃ_ĐỊNH_DANH]
  queue [--agency MÃ_ĐỊNH_DANH]`;

const ACTOR = "npm run exchange";

class UsageError extends Error {}

async function agencyByOrganId(db: Db, organId: string | undefined) {
  if (!organId) throw new UsageError("Thiếu --agency (mã định danh của cơ quan trong hệ thống này).");
  const [a] = await db.select().from(agencies).where(eq(agencies.organId, organId));
  if (!a) throw new UsageError(`Không có cơ quan nào mang mã định danh ${organId} trong cơ sở dữ liệu này.`);
  return a;
}

/** Reads a PEM certificate and checks it is one (and, for the operator, says when it has expired). */
async function readCertificate(file: string): Promise<string> {
  const pem = await readFile(file, "utf8");
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch (e) {
    throw new UsageError(`Tệp ${file} không phải chứng thư số PEM (${(e as Error).message}).`);
  }
  if (Date.parse(cert.validTo) < Date.now()) throw new UsageError(`Chứng thư số trong ${file} đã hết hạn (${cert.validTo}).`);
  return cert.toString();
}

/** The agency's administrator the CLI acts as (--as USERNAME, else the first active one): the same actions as the screens. */
async function administrator(db: Db, agencyId: string, username: string | undefined): Promise<ActionCaller> {
  const rows = await db
    .select({ id: users.id, username: users.username })
    .from(userPositions)
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .innerJoin(users, eq(users.id, userPositions.userId))
    .where(and(eq(users.agencyId, agencyId), eq(positions.kind, "admin"), eq(users.active, true)))
    .orderBy(asc(users.username));
  const admin = username ? rows.find((r) => r.username.toLowerCase() === username.toLowerCase()) : rows[0];
  if (!admin) throw new UsageError(username ? `${username} không phải quản trị viên đang hoạt động của cơ quan.` : "Cơ quan chưa có quản trị viên đang hoạt động.");
  return { userId: admin.id, sessionId: "cli", meta: { ip: "127.0.0.1", userAgent: ACTOR } };
}

/** Runs an action of lib/exchange/admin.ts as the administrator; a refusal becomes the CLI's error. */
async function run<S extends z.ZodType, T, R>(db: Db, def: ActionDefinition<S, T, R>, caller: ActionCaller, input: z.input<S>): Promise<R> {
  const r = await executeAction(def, caller, def.idempotent ? withIdempotencyKey(input, newIdempotencyKey()) : input, db);
  if (!r.ok) {
    const fields = Object.entries(r.fieldErrors ?? {}).filter(([, v]) => v.join(" ") !== r.formError).map(([k, v]) => `${k}: ${v.join(" ")}`);
    throw new UsageError([r.formError, ...fields].filter(Boolean).join("\n"));
  }
  return r.data;
}

async function importP12(db: Db, args: string[]) {
  const { values, positionals } = parseArgs({ args, options: { agency: { type: "string" }, as: { type: "string" } }, allowPositionals: true });
  const agency = await agencyByOrganId(db, values.agency);
  const file = positionals[0];
  if (!file || positionals.length !== 1) throw new UsageError("Cần đúng một tệp .p12.");
  const password = process.env.EXCHANGE_P12_PASSWORD;
  if (password === undefined) throw new UsageError("Đặt mật khẩu của tệp .p12 trong biến môi trường EXCHANGE_P12_PASSWORD.");
  const caller = await administrator(db, agency.id, values.as);
  const { fingerprint } = await run(db, importPkcs12, caller, { file: (await readFile(file)).toString("base64"), password });
  const [x] = await db.select({ certPem: exchangeIdentities.certPem }).from(exchangeIdentities).where(eq(exchangeIdentities.agencyId, agency.id));
  const cert = new X509Certificate(x!.certPem!);
  console.log(JSON.stringify({ agency: agency.organId, subject: cert.subject, validTo: new Date(cert.validTo).toISOString(), fingerprint256: fingerprint }));
}

async function addPartner(db: Db, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      agency: { type: "string" }, as: { type: "string" }, "organ-id": { type: "string" }, name: { type: "string" }, direct: { type: "string" },
      axis: { type: "boolean" }, cert: { type: "string" }, ca: { type: "string" }, address: { type: "string" },
    },
  });
  const agency = await agencyByOrganId(db, values.agency);
  const organId = values["organ-id"]?.trim();
  const name = values.name?.trim();
  if (!organId || !name) throw new UsageError("Cần --organ-id và --name của cơ quan đối tác.");
  if (organId === agency.organId) throw new UsageError("Đối tác không thể là chính cơ quan này.");
  if (!!values.direct === !!values.axis) throw new UsageError("Chọn đúng một cách kết nối: --direct URL hoặc --axis.");
  const certPem = values.cert ? await readCertificate(values.cert) : "";
  const caPem = values.ca ? await readCertificate(values.ca) : "";
  if (!certPem && !caPem) throw new UsageError("Cần chứng thư số của đối tác (--cert) hoặc của CA cấp cho đối tác (--ca).");
  const caller = await administrator(db, agency.id, values.as);
  // The entry with this mã định danh, else one with this name still waiting for its mã định danh.
  const [byOrgan] = await db.select().from(agencyDirectory).where(and(eq(agencyDirectory.agencyId, agency.id), eq(agencyDirectory.organId, organId)));
  const [existing] = byOrgan
    ? [byOrgan]
    : await db.select().from(agencyDirectory).where(and(eq(agencyDirectory.agencyId, agency.id), eq(agencyDirectory.name, name), isNull(agencyDirectory.organId)));
  const input = {
    name, organId, transport: values.direct ? ("direct" as const) : ("axis" as const), endpoint: (values.direct ?? "").replace(/\/+$/, ""),
    address: values.address ?? existing?.address ?? "", certPem, caPem,
  };
  let id: string;
  if (existing) id = (await run(db, updatePartner, caller, { ...input, id: existing.id, sortOrder: existing.sortOrder })).id;
  else {
    const [last] = await db.select({ n: count() }).from(agencyDirectory).where(eq(agencyDirectory.agencyId, agency.id));
    id = (await run(db, createPartner, caller, { ...input, sortOrder: Number(last?.n ?? 0) + 1 })).id;
  }
  console.log(JSON.stringify({ id, created: !existing, organId, name, transport: input.transport, endpoint: input.endpoint }));
}

async function listPartners(db: Db, args: string[]) {
  const { values } = parseArgs({ args, options: { agency: { type: "string" } } });
  const agency = values.agency ? await agencyByOrganId(db, values.agency) : null;
  const rows = await db
    .select({ agency: agencies.organId, d: agencyDirectory })
    .from(agencyDirectory)
    .innerJoin(agencies, eq(agencies.id, agencyDirectory.agencyId))
    .where(agency ? eq(agencyDirectory.agencyId, agency.id) : undefined)
    .orderBy(asc(agencies.organId), asc(agencyDirectory.sortOrder));
  for (const { agency: a, d } of rows) {
    if (!d.organId) continue;
    let certValidTo: string | null = null;
    if (d.certPem) certValidTo = new Date(new X509Certificate(d.certPem).validTo).toISOString();
    console.log(
      JSON.stringify({
        agency: a, organId: d.organId, name: d.name, active: d.active, transport: d.transport, endpoint: d.endpoint, certValidTo, ca: !!d.caPem,
        lastSuccessAt: d.lastSuccessAt?.toISOString() ?? null, lastError: d.lastError, lastErrorAt: d.lastErrorAt?.toISOString() ?? null,
      }),
    );
  }
}

async function queue(db: Db, args: string[]) {
  const { values } = parseArgs({ args, options: { agency: { type: "string" } } });
  const agency = values.agency ? await agencyByOrganId(db, values.agency) : null;
  const rows = await db
    .select({ agency: agencies.organId, direction: exchangeMessages.direction, state: exchangeMessages.state, n: count() })
    .from(exchangeMessages)
    .innerJoin(agencies, eq(agencies.id, exchangeMessages.agencyId))
    .where(agency ? eq(exchangeMessages.agencyId, agency.id) : undefined)
    .groupBy(agencies.organId, exchangeMessages.direction, exchangeMessages.state);
  const out: Record<string, { out: Record<string, number>; in: Record<string, number> }> = {};
  if (agency?.organId) out[agency.organId] = { out: {}, in: {} };
  for (const r of rows) {
    const key = r.agency ?? "";
    out[key] ??= { out: {}, in: {} };
    out[key][r.direction][r.state] = Number(r.n);
  }
  console.log(JSON.stringify(out));
}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  const run =
    command === "identity" && sub === "import-p12" ? (db: Db) => importP12(db, rest)
    : command === "partner" && sub === "add" ? (db: Db) => addPartner(db, rest)
    : command === "partner" && sub === "list" ? (db: Db) => listPartners(db, rest)
    : command === "queue" ? (db: Db) => queue(db, [sub, ...rest].filter((s): s is string => s !== undefined))
    : null;
  if (!run) {
    console.error(USAGE);
    return 2;
  }
  // The same secret as the app's (a generated one lives in the PGlite data folder).
  if (!process.env.EXCHANGE_SECRET) ensureAuthSecret();
  const handle = await openDb({ ...configuredMigrationOptions(), migrate: false });
  try {
    await run(handle.db);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || (e as Error)?.name === "EdxmlSignatureError" || (e as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      console.error((e as Error).message);
      return 1;
    }
    throw e;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
