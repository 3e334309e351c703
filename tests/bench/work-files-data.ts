import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

// Realistic work files at scale for the benchmark (issue 5): a Danh mục hồ sơ for each of the last
// `years` years with `perYear` items over six headings, one file per item kept by a staff member
// (cv.tcbc1 keeps every 7th, so "Hồ sơ của tôi" has a few hundred), `docs` references each to the
// incoming documents already generated (so one document sits in several files). Past years' files
// were handed over and archived in one batch per unit and year; this year's are open, every 3rd closed.
const HEADINGS = [
  ["TH", "TỔNG HỢP"], ["TCBC", "TỔ CHỨC, BIÊN CHẾ"], ["XDCQ", "XÂY DỰNG CHÍNH QUYỀN"], ["CCVC", "CÔNG CHỨC, VIÊN CHỨC"],
  ["VTLT", "VĂN THƯ, LƯU TRỮ"], ["TDKT", "THI ĐUA, KHEN THƯỞNG"],
] as const;
const TITLES = [
  "Hồ sơ thẩm định đề án vị trí việc làm", "Hồ sơ tuyển dụng công chức", "Hồ sơ kiểm tra công tác văn thư, lưu trữ",
  "Hồ sơ khen thưởng tổng kết năm", "Kế hoạch, báo cáo cải cách hành chính", "Hồ sơ giao biên chế công chức",
];

export async function generateWorkFiles(db: Db, o: { years: number; perYear: number; docs: number; year: number }) {
  const t0 = Date.now();
  const [ctx] = (
    await db.execute<{ agency: string; staff: string; archivist: string; unit: string }>(sql`
      select a.id as agency, (select id from users where username = 'cv.tcbc1') as staff, (select id from users where username = 'luutru') as archivist,
        (select id from units where code = 'TCBC' and agency_id = a.id) as unit
      from agencies a where a.code = 'SNV'`)
  ).rows;
  const staffIds = sql`(select array_agg(u.id order by u.username) from users u join user_positions up on up.user_id = u.id
    join positions p on p.id = up.position_id where p.kind = 'staff' and u.agency_id = ${ctx.agency})`;
  for (let y = o.year - o.years + 1; y <= o.year; y++) {
    const current = y === o.year;
    // The demo seed made this year's plan already; more items are appended after its own.
    await db.execute(sql`insert into file_plans (agency_id, year) values (${ctx.agency}, ${y}::int) on conflict (agency_id, year) do nothing`);
    const [{ plan, start }] = (
      await db.execute<{ plan: string; start: number }>(sql`select id as plan, last_no as start from file_plans where agency_id = ${ctx.agency} and year = ${y}::int`)
    ).rows;
    for (const [i, [abbr, title]] of HEADINGS.entries()) {
      await db.execute(sql`insert into file_plan_headings (plan_id, sort_order, abbr, title) values (${plan}, ${i + 1}::int, ${abbr}, ${title})
        on conflict (plan_id, abbr) do nothing`);
    }
    const headings = sql`(select array_agg(id order by sort_order) from file_plan_headings where plan_id = ${plan})`;
    const abbrs = sql`(select array_agg(abbr order by sort_order) from file_plan_headings where plan_id = ${plan})`;
    const titles = sql.raw(`(array[${TITLES.map((t) => `'${t}'`).join(",")}])`);
    await db.execute(sql`
      with h as (select ${headings} as ids, ${abbrs} as abbrs)
      insert into file_plan_items (plan_id, heading_id, number, code, title, retention_code, owner_unit_id, note)
      select ${plan}, h.ids[1 + g % 6], ${start}::int + g, case when ${start}::int + g < 10 then '0' else '' end || (${start}::int + g) || '.' || h.abbrs[1 + g % 6],
        ${titles}[1 + g % 6] || ' (' || g || ')', (array['VV','20','10','5','70','2'])[1 + g % 6], ${ctx.unit}, ''
      from generate_series(1, ${o.perYear}::int) g, h`);
    await db.execute(sql`update file_plans set last_no = ${start}::int + ${o.perYear}::int where id = ${plan}`);
    const batch = current
      ? null
      : (
          await db.execute<{ id: string }>(sql`
            insert into handover_batches (agency_id, unit_id, year, status, title, condition, submitted_by, submitted_at, decided_by, decided_at)
            values (${ctx.agency}, ${ctx.unit}, ${y}::int, 'accepted', ${`Tài liệu Phòng Tổ chức, biên chế năm ${y}`}, 'Tốt', ${ctx.staff},
              make_date(${y + 1}::int, 3, 10), ${ctx.archivist}, make_date(${y + 1}::int, 3, 15)) returning id`)
        ).rows[0].id;
    await db.execute(sql`
      with s as (select ${staffIds} as ids)
      insert into work_files (agency_id, plan_item_id, year, code, title, owner_id, unit_id, status, retention_code, start_date, end_date, sheets, pages,
        closed_at, reconciled, batch_id, batch_order, archived_at, created_at, updated_at)
      select ${ctx.agency}, i.id, ${y}::int, i.code, i.title,
        case when i.number % 7 = 0 then ${ctx.staff}::uuid else s.ids[1 + i.number % array_length(s.ids, 1)] end, ${ctx.unit},
        (case when ${current} then (case when i.number % 3 = 0 then 'closed' else 'open' end) else 'archived' end)::work_file_status,
        i.retention_code, make_date(${y}::int, 1, 10), make_date(${y}::int, 12, 10), ${o.docs}::int * 2, ${o.docs}::int * 3,
        case when not ${current} or i.number % 3 = 0 then make_date(${y}::int, 12, 20)::timestamptz end,
        not ${current}, ${batch}::uuid, case when ${batch}::uuid is not null then i.number end,
        case when not ${current} then make_date(${y + 1}::int, 3, 15)::timestamptz end,
        make_date(${y}::int, 1, 10)::timestamptz + (i.number || ' hours')::interval, make_date(${y}::int, 1, 10)::timestamptz + (i.number || ' hours')::interval
      from file_plan_items i, s where i.plan_id = ${plan} and i.number > ${start}::int`);
  }
  // Each file refers to `docs` incoming documents (a window over the registered ones, so they overlap).
  await db.execute(sql`
    with d as (select id, row_number() over (order by id) as n from incoming_documents where arrival_no is not null and secrecy = 'normal'),
    total as (select count(*) as c from d),
    f as (select id, row_number() over (order by created_at) as n from work_files where agency_id = ${ctx.agency})
    insert into work_file_entries (file_id, kind, incoming_id, position)
    select f.id, 'incoming', d.id, k
    from f, total, generate_series(1, ${o.docs}::int) k
    join d on true
    where total.c > 0 and d.n = 1 + ((f.n * 13 + k) % total.c)
    on conflict do nothing`);
  // Each file's trail (lib/work-files/actions.ts, handover.ts): opened, each document added, closed, handed over, accepted.
  await db.execute(sql`
    insert into work_file_events (file_id, actor_id, actor_name, kind, to_text, text, payload, created_at)
    select f.id, f.owner_id, (select full_name from users where id = f.owner_id), 'opened', '', f.code || ' ' || f.title, '{}'::jsonb, f.created_at
    from work_files f where f.agency_id = ${ctx.agency}
    union all
    select e.file_id, f.owner_id, (select full_name from users where id = f.owner_id), 'added', '', 'Văn bản đến',
      jsonb_build_object('kind', 'incoming', 'documentId', e.incoming_id), f.created_at + (e.position || ' minutes')::interval
    from work_file_entries e join work_files f on f.id = e.file_id where f.agency_id = ${ctx.agency}
    union all
    select f.id, f.owner_id, (select full_name from users where id = f.owner_id), 'closed', '', f.sheets || ' tờ, ' || f.pages || ' trang', '{}'::jsonb, f.closed_at
    from work_files f where f.agency_id = ${ctx.agency} and f.closed_at is not null
    union all
    select f.id, f.owner_id, (select full_name from users where id = f.owner_id), 'handed_over', 'Lưu trữ cơ quan', '', jsonb_build_object('batchId', f.batch_id), b.submitted_at
    from work_files f join handover_batches b on b.id = f.batch_id where f.agency_id = ${ctx.agency}
    union all
    select f.id, ${ctx.archivist}, (select full_name from users where id = ${ctx.archivist}), 'accepted', 'Lưu trữ cơ quan', '', jsonb_build_object('batchId', f.batch_id), f.archived_at
    from work_files f where f.agency_id = ${ctx.agency} and f.status = 'archived'`);
  await db.execute(sql`analyze`);
  const [{ files, entries, archived }] = (
    await db.execute<{ files: number; entries: number; archived: number }>(sql`
      select (select count(*)::int from work_files) as files, (select count(*)::int from work_file_entries) as entries,
        (select count(*)::int from work_files where status = 'archived') as archived`)
  ).rows;
  // A file of this year that cv.tcbc1 keeps open, for the file page.
  const [open] = (
    await db.execute<{ id: string }>(sql`select id from work_files where owner_id = ${ctx.staff} and status = 'open' and year = ${o.year}::int order by code limit 1`)
  ).rows;
  console.log(`Hồ sơ: ${files} hồ sơ (${archived} đã nộp lưu), ${entries} văn bản trong hồ sơ (${((Date.now() - t0) / 1000).toFixed(1)} s).`);
  return { workFiles: files, workFileEntries: entries, archivedFiles: archived, openFileId: open?.id ?? null };
}
