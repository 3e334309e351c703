import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

// Realistic outgoing data at scale for the benchmark (issue 4): N documents of the demo agency over
// the year. Three registers: DI (công văn, most), QĐ (quyết định, every 5th) and the secret DI-MAT
// (báo cáo, every 50th); every 25th is still a draft somewhere in the review chain, about 1 in 100
// issued ones was withdrawn. Numbers are gapless per register in date order. Each document has 2–3
// recipients: a free-text one (paper), an internal unit (sent at issue) and, every 3rd, an agency
// of the directory (electronic). Every 10th answers the incoming document of the same number, when
// there is one (the tracking book's reply column).
const SUBJECTS = [
  "V/v cử công chức tham gia lớp bồi dưỡng nghiệp vụ văn thư, lưu trữ",
  "V/v báo cáo tình hình thực hiện công tác cải cách hành chính",
  "V/v góp ý dự thảo Quyết định ban hành quy chế làm việc",
  "V/v triển khai kế hoạch tuyển dụng công chức",
  "V/v đề nghị thẩm định đề án vị trí việc làm",
  "V/v tổ chức hội nghị tổng kết công tác thi đua, khen thưởng",
];
const DECISIONS = ["Quyết định về việc nâng bậc lương thường xuyên", "Quyết định về việc điều động công chức", "Quyết định về việc thành lập Hội đồng thi tuyển"];
const CHUNK = 20_000;

export async function generateOutgoing(db: Db, n: number, year: number) {
  const t0 = Date.now();
  const [ctx] = (
    await db.execute<{ agency: string; clerk: string; drafter: string; director: string; deputy1: string; deputy2: string }>(sql`
      select a.id as agency,
        (select id from users where username = 'vanthu') as clerk,
        (select id from users where username = 'cv.tcbc1') as drafter,
        (select id from users where username = 'giamdoc') as director,
        (select id from users where username = 'phogiamdoc1') as deputy1,
        (select id from users where username = 'phogiamdoc2') as deputy2
      from agencies a where a.code = 'SNV'`)
  ).rows;
  const book = async (code: string, name: string, secret: boolean) =>
    (
      await db.execute<{ id: string }>(sql`
        insert into registers (agency_id, kind, year, secret, code, name)
        values (${ctx.agency}, 'outgoing', ${year}::int, ${secret}, ${code}, ${name})
        on conflict (agency_id, kind, year, code) do update set name = excluded.name returning id`)
    ).rows[0].id;
  const di = await book("DI", "Sổ đăng ký văn bản đi", false);
  const qd = await book("QĐ", "Sổ quyết định", false);
  const mat = await book("DI-MAT", "Sổ đăng ký văn bản đi mật", true);
  const [{ id: directory }] = (
    await db.execute<{ id: string }>(sql`
      insert into agency_directory (agency_id, name, organ_id) values (${ctx.agency}, 'UBND tỉnh Bình Định', '000.00.00.H08') returning id`)
  ).rows;

  // The plan: each g's register (or none for a draft) and its number in that register.
  await db.execute(sql`drop table if exists bench_outgoing_plan`);
  await db.execute(sql`
    create table bench_outgoing_plan as
    select g, reg, case when reg is not null then row_number() over (partition by reg order by g) end as no
    from (select g, case when g % 25 = 3 then null when g % 50 = 7 then ${mat}::uuid when g % 5 = 0 then ${qd}::uuid else ${di}::uuid end as reg
          from generate_series(1, ${n}::int) g) s`);
  await db.execute(sql`create index on bench_outgoing_plan (g)`);
  const subjects = sql.raw(`(array[${SUBJECTS.map((s) => `'${s}'`).join(",")}])`);
  const decisions = sql.raw(`(array[${DECISIONS.map((s) => `'${s}'`).join(",")}])`);
  const units = sql`(select array_agg(id order by sort_order) from units where agency_id = ${ctx.agency} and kind = 'division')`;
  const unitCodes = sql`(select array_agg(code order by sort_order) from units where agency_id = ${ctx.agency} and kind = 'division')`;
  for (let start = 1; start <= n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK - 1);
    await db.execute(sql`
      with u as (select ${units} as ids, ${unitCodes} as codes),
      p as (
        select p.g, p.reg, p.no, u.ids[1 + p.g % array_length(u.ids, 1)] as unit_id, u.codes[1 + p.g % array_length(u.codes, 1)] as unit_code,
          make_date(${year}::int, 1, 2) + (p.g * 330 / ${n}::int) as day,
          case when p.no < 10 then '0' || p.no else p.no::text end as no_text
        from bench_outgoing_plan p, u where p.g between ${start}::int and ${end}::int)
      insert into outgoing_documents (agency_id, status, drafting_unit_id, drafter_id, reply_to_id, doc_type, subject, urgency, secrecy,
        signer_id, authority, note, version, signed_at, register_id, year, number, symbol, issued_date, issued_at, issued_by, page_count,
        issued_amount, kept_copy, withdrawn_at, withdraw_reason, created_at, updated_at)
      select ${ctx.agency},
        (case when p.reg is null then (array['draft','awaiting_review','awaiting_check','awaiting_signature','awaiting_issue'])[1 + p.g % 5]
              when p.g % 97 = 11 then 'withdrawn' else 'issued' end)::outgoing_status,
        p.unit_id, ${ctx.drafter},
        case when p.g % 10 = 1 then (select d.id from incoming_documents d join registers r on r.id = d.register_id
          where r.agency_id = ${ctx.agency} and r.kind = 'incoming' and r.year = ${year}::int and not r.secret and d.arrival_no = p.g limit 1) end,
        case when p.reg = ${qd}::uuid then 'Quyết định' when p.reg = ${mat}::uuid then 'Báo cáo' else 'Công văn' end,
        case when p.reg = ${qd}::uuid then ${decisions}[1 + p.g % ${DECISIONS.length}]
             when p.reg = ${mat}::uuid then 'Báo cáo mật về công tác bảo vệ bí mật nhà nước'
             else ${subjects}[1 + p.g % ${SUBJECTS.length}] end || ' (số ' || p.g || ')',
        (array['normal','normal','normal','urgent'])[1 + p.g % 4]::urgency,
        (case when p.reg = ${mat}::uuid then 'confidential' else 'normal' end)::secrecy,
        case when p.g % 3 = 0 then ${ctx.director}::uuid when p.g % 3 = 1 then ${ctx.deputy1}::uuid else ${ctx.deputy2}::uuid end,
        (case when p.g % 3 = 0 then 'direct' else 'kt' end)::signing_authority,
        case when p.g % 13 = 0 then 'Gửi kèm hồ sơ' else '' end, 1,
        case when p.reg is not null then p.day + time '08:30' end,
        p.reg, case when p.reg is not null then ${year}::int end, p.no,
        case when p.reg = ${qd}::uuid then p.no_text || '/QĐ-SNV' when p.reg = ${mat}::uuid then p.no_text || '/BC-SNV'
             when p.reg is not null then p.no_text || '/SNV-' || p.unit_code end,
        case when p.reg is not null then p.day end,
        case when p.reg is not null then (p.day + time '10:00') at time zone 'Asia/Ho_Chi_Minh' end,
        case when p.reg is not null then ${ctx.clerk}::uuid end,
        case when p.reg is not null then 1 + p.g % 4 end, case when p.reg is not null then 1 + p.g % 5 end,
        case when p.reg is not null then 'Lưu: VT, ' || p.unit_code || '.' else '' end,
        case when p.reg is not null and p.g % 97 = 11 then (p.day + 3 + time '09:00') at time zone 'Asia/Ho_Chi_Minh' end,
        case when p.reg is not null and p.g % 97 = 11 then 'Ban hành nhầm đối tượng.' else '' end,
        (p.day - 3 + time '08:00') at time zone 'Asia/Ho_Chi_Minh', now()
      from p`);
  }
  await db.execute(sql`
    update registers r set last_no = coalesce((select max(no) from bench_outgoing_plan p where p.reg = r.id), 0)
    where r.id in (${di}, ${qd}, ${mat})`);
  await db.execute(sql`drop table bench_outgoing_plan`);

  // Nơi nhận: paper for everyone, an internal unit (a division, sent at issue), every 3rd the province.
  const numbered = sql`(select id, issued_at, row_number() over (order by created_at, subject) as n from outgoing_documents where agency_id = ${ctx.agency})`;
  await db.execute(sql`
    with u as (select array_agg(id order by sort_order) as ids, array_agg(name order by sort_order) as names
               from units where agency_id = ${ctx.agency} and kind = 'division')
    insert into outgoing_recipients (document_id, kind, unit_id, name, delivery, sort_order, sent_at)
    select d.id, 'unit', u.ids[1 + d.n % array_length(u.ids, 1)], u.names[1 + d.n % array_length(u.ids, 1)], 'internal', 0, d.issued_at
    from ${numbered} d, u`);
  await db.execute(sql`
    insert into outgoing_recipients (document_id, kind, directory_id, organ_id, name, delivery, sort_order, sent_at)
    select d.id, 'agency', ${directory}, '000.00.00.H08', 'UBND tỉnh Bình Định', 'electronic', 1, d.issued_at
    from ${numbered} d where d.n % 3 = 0`);
  await db.execute(sql`
    insert into outgoing_recipients (document_id, kind, name, delivery, sort_order)
    select id, 'text', 'UBND các huyện, thị xã, thành phố', 'paper', 2 from outgoing_documents where agency_id = ${ctx.agency}`);
  // Each document's trail as far as its state (lib/outgoing/actions.ts, issue.ts): created, submitted to the unit's
  // head, approved to the Chánh Văn phòng, checked to the signer, signed to the Văn thư, issued by the Văn thư.
  const steps = ["created", "submitted", "approved", "checked", "signed", "issued"];
  const stepOf = sql.raw(`(array[${steps.map((k) => `'${k}'`).join(",")}])`);
  await db.execute(sql`
    insert into outgoing_events (document_id, actor_id, actor_name, kind, to_text, text, version, created_at)
    select d.id,
      case when k <= 2 then d.drafter_id when k = 3 then ${ctx.director}::uuid when k = 4 then ${ctx.clerk}::uuid
           when k = 5 then d.signer_id else ${ctx.clerk}::uuid end,
      (select full_name from users where id = case when k <= 2 then d.drafter_id when k = 3 then ${ctx.director}::uuid
           when k = 4 then ${ctx.clerk}::uuid when k = 5 then d.signer_id else ${ctx.clerk}::uuid end),
      ${stepOf}[k],
      case k when 2 then 'Lãnh đạo ' || (select name from units where id = d.drafting_unit_id) when 3 then 'Chánh Văn phòng (kiểm tra thể thức)'
             when 4 then (select full_name from users where id = d.signer_id) when 5 then 'Văn thư' else '' end,
      case when k = 6 then 'Số ' || d.symbol || ' ngày ' || to_char(d.issued_date, 'DD/MM/YYYY') || '. ' || d.kept_copy else '' end,
      1, d.created_at + (k || ' hours')::interval
    from outgoing_documents d,
      generate_series(1, case d.status when 'draft' then 1 when 'awaiting_review' then 2 when 'awaiting_check' then 3
        when 'awaiting_signature' then 4 when 'awaiting_issue' then 5 else 6 end) k
    where d.agency_id = ${ctx.agency}`);
  await db.execute(sql`analyze`);
  const [{ docs, issued, recipients }] = (
    await db.execute<{ docs: number; issued: number; recipients: number }>(sql`
      select (select count(*)::int from outgoing_documents) as docs,
        (select count(*)::int from outgoing_documents where status in ('issued', 'withdrawn')) as issued,
        (select count(*)::int from outgoing_recipients) as recipients`)
  ).rows;
  console.log(`Văn bản đi: ${docs} văn bản (${issued} đã phát hành), ${recipients} nơi nhận (${((Date.now() - t0) / 1000).toFixed(1)} s).`);
  return { outgoing: docs, outgoingIssued: issued, recipients };
}
