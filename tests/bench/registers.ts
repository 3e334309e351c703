/**
 * Register book generation time for a large year: 20,000 incoming documents (BENCH_ROWS), each with
 * two top-level recipients, inserted directly into a fresh in-memory PGlite with the demo agency,
 * and enough outgoing documents (tests/bench/outgoing-data.ts: three registers, drafts, 2–3
 * recipients each, every 10th a reply) for a DI register of BENCH_ROWS entries; then the read, the
 * PDF and the XLSX of the Sổ đăng ký văn bản đến, the Sổ theo dõi giải quyết (with the replies) and
 * the Sổ đăng ký văn bản đi, timed and printed. Goal: the PDF of 20,000 rows in under 5 s. A figure,
 * not a test (house rule 7): run it with `npx tsx --conditions=react-server tests/bench/registers.ts`.
 */
import { performance } from "node:perf_hooks";
import { and, eq } from "drizzle-orm";
import { openDb } from "@/db/client";
import { incomingAssignments, incomingDocuments, registers, units, users } from "@/db/schema";
import { seedDemo } from "@/lib/seed/demo";
import { loadActor } from "@/lib/auth/actor";
import { loadBook } from "@/lib/register-books";
import { renderBookPdf } from "@/lib/registers/pdf";
import { bookQuerySchema } from "@/lib/registers/schemas";
import { renderBookXlsx } from "@/lib/registers/xlsx";
import { generateOutgoing } from "./outgoing-data";

const ROWS = Number(process.env.BENCH_ROWS || 20_000);
const YEAR = 2026;
const BATCH = 500;

const ISSUERS = ["UBND tỉnh Bình Định", "Bộ Nội vụ", "Sở Tài chính tỉnh Bình Định", "UBND huyện Tuy Phước", "Văn phòng Chính phủ"];
const SUBJECTS = [
  "V/v báo cáo tình hình thực hiện công tác cải cách hành chính năm 2026",
  "Về việc tuyển dụng công chức, viên chức và hợp đồng lao động làm công tác chuyên môn, nghiệp vụ trong các cơ quan hành chính",
  "Quyết định về việc điều động công chức",
  "Kế hoạch kiểm tra công tác văn thư, lưu trữ năm 2026 đối với các cơ quan, tổ chức thuộc nguồn nộp lưu tài liệu vào Lưu trữ lịch sử tỉnh",
];

/** Wall time, and CPU time of this process (user + system): on a busy machine the second is the steadier figure. */
const time = async <T>(label: string, f: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = await f();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  console.log(`  ${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(6)} s wall ${((cpu.user + cpu.system) / 1e6).toFixed(2).padStart(6)} s CPU`);
  return [out, ms];
};

async function main() {
  const h = await openDb({});
  const db = h.db;
  await seedDemo(db, async () => "bench-not-a-hash");
  const [clerk] = await db.select({ id: users.id, agencyId: users.agencyId }).from(users).where(eq(users.username, "vanthu"));
  const unitRows = await db.select({ id: units.id }).from(units).where(eq(units.agencyId, clerk.agencyId));
  const [reg] = await db
    .insert(registers)
    .values({ agencyId: clerk.agencyId, kind: "incoming", year: YEAR, secret: false, code: "DEN", name: "Sổ đăng ký văn bản đến", lastNo: ROWS })
    // The demo seed opens the current year's book; take it over.
    .onConflictDoUpdate({ target: [registers.agencyId, registers.kind, registers.year, registers.code], set: { lastNo: ROWS } })
    .returning({ id: registers.id });

  console.log(`Inserting ${ROWS} incoming documents …`);
  const start = Date.parse(`${YEAR}-01-02T01:00:00Z`);
  await time("insert documents and recipients", async () => {
    for (let b = 0; b < ROWS; b += BATCH) {
      const docs = Array.from({ length: Math.min(BATCH, ROWS - b) }, (_, k) => {
        const no = b + k + 1;
        return {
          agencyId: clerk.agencyId, status: "in_progress" as const, source: "paper" as const, registerId: reg.id, year: YEAR,
          arrivalNo: no, arrivalDate: new Date(start + Math.floor((no * 300 * 86_400_000) / ROWS)),
          symbol: `${no}/UBND-VX`, issuedDate: "2026-01-02", issuerName: ISSUERS[no % ISSUERS.length], docType: "Công văn",
          subject: SUBJECTS[no % SUBJECTS.length], note: no % 7 === 0 ? "Bản sao" : "", paperHandedAt: "2026-01-03",
          paperReceiver: no % 3 === 0 ? "Phan Văn Đức" : "", dueDate: "2026-12-31", createdBy: clerk.id,
        };
      });
      const ids = await db.insert(incomingDocuments).values(docs).returning({ id: incomingDocuments.id });
      await db.insert(incomingAssignments).values(
        ids.flatMap(({ id }, k) => [
          { documentId: id, role: "lead" as const, unitId: unitRows[(b + k) % unitRows.length].id, assignedBy: clerk.id, deadline: "2026-12-15" },
          { documentId: id, role: "coordinate" as const, unitId: unitRows[(b + k + 1) % unitRows.length].id, assignedBy: clerk.id },
        ]),
      );
    }
  });

  // About 74 % of the generated outgoing documents go to DI (the rest: QĐ, DI-MAT, drafts).
  await time("generate outgoing documents", () => generateOutgoing(db, Math.ceil(ROWS / 0.74) + 200, YEAR));

  const actor = (await loadActor(db, clerk.id))!;
  // A server renders books again and again: warm the code paths and the font tables on a small
  // book first, so that the figures below are those of a running server, not of a cold start.
  const warm = (await loadBook(actor, bookQuerySchema.parse({ year: String(YEAR), toNo: "200" }), db))!;
  await time("warm-up: PDF + XLSX of 200 rows", async () => [await renderBookPdf(warm), await renderBookXlsx(warm)]);
  const TITLES = { incoming: "Sổ đăng ký văn bản đến", tracking: "Sổ theo dõi giải quyết văn bản đến", outgoing: "Sổ đăng ký văn bản đi (DI)" };
  for (const book of ["incoming", "tracking", "outgoing"] as const) {
    console.log(`\n${TITLES[book]}, ${ROWS} rows:`);
    const q = bookQuerySchema.parse({ book, year: String(YEAR), ...(book === "outgoing" ? { register: "DI", toNo: String(ROWS) } : {}) });
    const [b] = await time("read (one query)", async () => (await loadBook(actor, q, db))!);
    if (b.rows.length !== ROWS) throw new Error(`expected ${ROWS} rows, got ${b.rows.length}`);
    const [pdf, pdfMs] = await time("PDF", () => renderBookPdf(b));
    const [xlsx] = await time("XLSX", () => renderBookXlsx(b));
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    console.log(`  PDF ${(pdf.length / 1e6).toFixed(1)} MB, ${pages} pages; XLSX ${(xlsx.length / 1e6).toFixed(1)} MB`);
    console.log(`  PDF goal (< 5 s wall): ${pdfMs < 5000 ? "met" : "NOT met"}`);
  }
  const [{ n }] = await db.select({ n: registers.lastNo }).from(registers).where(and(eq(registers.id, reg.id)));
  console.log(`\n(register counter ${n}; heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB)`);
  await h.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
