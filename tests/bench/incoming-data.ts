import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

// Realistic incoming data at scale for the benchmark (issue 3): N documents registered over the
// year by the demo clerk, spread over states, issuers and types, with their assignments: every
// document past "submitted" has a lead unit, and every 50th is a staff member's own part; each has its trail.
const SUBJECTS = [
  "Kế hoạch tuyển dụng công chức năm",
  "Quyết định điều động, bổ nhiệm cán bộ",
  "Báo cáo tình hình thực hiện cải cách hành chính",
  "Hướng dẫn chỉnh lý tài liệu lưu trữ",
  "Thông báo kết luận của Chủ tịch UBND tỉnh",
  "Công văn về việc tổ chức Đại hội Đảng bộ cơ sở",
  "Kế hoạch thi đua khen thưởng chào mừng Quốc khánh",
  "Đề án vị trí việc làm và cơ cấu ngạch công chức",
];

/** `extraParts`: other units' parts per document in progress or done (coordinating, then for information), beyond the lead unit. */
export async function generateIncoming(db: Db, n: number, year: number, extraParts = 0) {
  const t0 = Date.now();
  const [ctx] = (
    await db.execute<{ agency: string; clerk: string; leader: string; staff: string }>(sql`
      select a.id as agency,
        (select id from users where username = 'vanthu') as clerk,
        (select id from users where username = 'giamdoc') as leader,
        (select id from users where username = 'cv.tcbc1') as staff
      from agencies a where a.code = 'SNV'`)
  ).rows;
  const [reg] = (
    await db.execute<{ id: string }>(sql`
      insert into registers (agency_id, kind, year, secret, code, name, last_no)
      values (${ctx.agency}, 'incoming', ${year}::int, false, 'DEN', 'Sổ đăng ký văn bản đến', ${n}::int)
      on conflict (agency_id, kind, year, code) do update set last_no = ${n}::int returning id`)
  ).rows;
  const subjects = sql.raw(`(array[${SUBJECTS.map((s) => `'${s}'`).join(",")}])`);
  for (let start = 1; start <= n; start += 20_000) {
    const end = Math.min(n, start + 19_999);
    await db.execute(sql`
      insert into incoming_documents (agency_id, status, source, register_id, year, arrival_no, arrival_date, symbol, issued_date,
        issuer_name, doc_type, subject, urgency, secrecy, created_by, submitted_to_id, instruction, due_date, created_at)
      select ${ctx.agency}, (array['registered','awaiting_instruction','in_progress','in_progress','done','done'])[1 + g % 6]::incoming_status,
        'paper', ${reg.id}, ${year}::int, g,
        make_timestamptz(${year}::int, 1, 1, 8, 0, 0, 'Asia/Ho_Chi_Minh') + (g::float / ${n}::int) * interval '330 days',
        g || '/' || (array['QĐ-UBND','UBND-VX','SYT-KH','BNV-VP','STC-NS'])[1 + g % 5],
        make_date(${year}::int, 1, 1) + (g * 330 / ${n}::int),
        (array['UBND tỉnh Bình Định','Bộ Nội vụ','Sở Tài chính','Sở Y tế','UBND huyện Tuy Phước','Văn phòng Chính phủ'])[1 + g % 6],
        (array['Công văn','Quyết định','Kế hoạch','Báo cáo','Thông báo'])[1 + g % 5],
        ${subjects}[1 + g % ${SUBJECTS.length}] || ' ' || ${String(year)} || ' (số ' || g || ')',
        (array['normal','normal','normal','urgent'])[1 + g % 4]::urgency, 'normal', ${ctx.clerk},
        case when g % 6 >= 1 then ${ctx.leader}::uuid end,
        case when g % 6 >= 2 then 'Giao đơn vị chủ trì xử lý, báo cáo kết quả.' else '' end,
        case when g % 3 = 0 then make_date(${year}::int, 1, 1) + (g * 330 / ${n}::int) + 15 end,
        now()
      from generate_series(${start}::int, ${end}::int) g`);
  }
  // Lead units for documents in progress or done: the divisions and affiliated units in turn.
  await db.execute(sql`
    with targets as (
      select id, row_number() over (order by sort_order) - 1 as k, count(*) over () as total
      from units where agency_id = ${ctx.agency} and kind in ('division', 'affiliated') and parent_id is null)
    insert into incoming_assignments (document_id, role, unit_id, assigned_by, deadline, status, instruction, created_at)
    select d.id, 'lead', t.id, ${ctx.leader}, d.arrival_date::date + 10,
      (case when d.status = 'done' then 'done' else 'in_progress' end)::assignment_status, d.instruction, d.arrival_date
    from incoming_documents d join targets t on t.k = d.arrival_no % t.total
    where d.register_id = ${reg.id} and d.status in ('in_progress', 'done')`);
  // Issue 12's scale (3 parts a document): the next units in turn coordinate (the first half) or are told.
  for (let k = 1; k <= extraParts; k++) {
    const role = k <= Math.ceil(extraParts / 2) ? "coordinate" : "info";
    await db.execute(sql`
      with targets as (
        select id, row_number() over (order by sort_order) - 1 as k, count(*) over () as total
        from units where agency_id = ${ctx.agency} and kind in ('division', 'affiliated') and parent_id is null)
      insert into incoming_assignments (document_id, role, unit_id, assigned_by, deadline, status, created_at)
      select d.id, ${role}::assignment_role, t.id, ${ctx.leader}, case when ${role} = 'coordinate' then d.arrival_date::date + 7 end,
        (case when d.status = 'done' then 'done' else 'pending' end)::assignment_status, d.arrival_date
      from incoming_documents d join targets t on t.k = (d.arrival_no + ${k}::int) % t.total
      where d.register_id = ${reg.id} and d.status in ('in_progress', 'done')`);
  }
  // Every 50th document in progress also reaches the staff member cv.tcbc1 in person.
  await db.execute(sql`
    insert into incoming_assignments (document_id, parent_id, role, user_id, assigned_by, deadline, status, created_at)
    select d.id, a.id, 'lead', ${ctx.staff}, ${ctx.leader}, a.deadline - 2, 'pending', a.created_at + interval '1 hour'
    from incoming_documents d join incoming_assignments a on a.document_id = d.id and a.parent_id is null
    where d.register_id = ${reg.id} and d.status = 'in_progress' and d.arrival_no % 50 = 2`);
  // Each document's trail, as the actions write it (lib/incoming/actions.ts, process.ts): submitted to the director,
  // assigned to its parts' units, each part done and the document done. The page draws it (the flow diagram).
  await db.execute(sql`
    insert into incoming_events (document_id, actor_id, actor_name, kind, to_text, created_at)
    select d.id, ${ctx.clerk}, (select full_name from users where id = ${ctx.clerk}), 'submitted',
      (select full_name from users where id = ${ctx.leader}), d.arrival_date + interval '1 hour'
    from incoming_documents d where d.register_id = ${reg.id} and d.status <> 'registered'`);
  await db.execute(sql`
    insert into incoming_events (document_id, actor_id, actor_name, kind, to_text, text, deadline, created_at)
    select d.id, ${ctx.leader}, (select full_name from users where id = ${ctx.leader}), 'assigned',
      (select string_agg(u.name || ' (' || case a.role when 'lead' then 'Xử lý chính' when 'coordinate' then 'Phối hợp' else 'Nhận để biết' end || ')', '; '
         order by a.role, u.sort_order)
       from incoming_assignments a join units u on u.id = a.unit_id where a.document_id = d.id and a.parent_id is null),
      d.instruction, d.arrival_date::date + 10, d.arrival_date + interval '2 hours'
    from incoming_documents d where d.register_id = ${reg.id} and d.status in ('in_progress', 'done')`);
  await db.execute(sql`
    insert into incoming_events (document_id, actor_id, actor_name, kind, text, payload, created_at)
    select a.document_id, ${ctx.leader}, (select full_name from users where id = ${ctx.leader}), 'done', 'Đã xử lý xong.',
      jsonb_build_object('assignmentId', a.id, 'role', a.role, 'unitName', u.name), d.arrival_date + interval '3 days'
    from incoming_assignments a join units u on u.id = a.unit_id join incoming_documents d on d.id = a.document_id
    where d.register_id = ${reg.id} and d.status = 'done' and a.parent_id is null and a.role <> 'info'`);
  await db.execute(sql`
    insert into incoming_events (document_id, actor_id, actor_name, kind, created_at)
    select d.id, ${ctx.leader}, (select full_name from users where id = ${ctx.leader}), 'document_done', d.arrival_date + interval '4 days'
    from incoming_documents d where d.register_id = ${reg.id} and d.status = 'done'`);
  // The bell's notices, as the steps write them (lib/incoming/actions.ts, lib/incoming/notices.ts): the director is
  // asked for an instruction (read once the document was assigned); each head and deputy of a part's unit, and the
  // staff member of their own parts, are told the part arrived (read once it is done, and every other one before).
  const label = sql.raw(`'văn bản số đến ' || d.arrival_no || '/' || d.year || ' (' || d.symbol || ')'`);
  await db.execute(sql`
    insert into notifications (user_id, text, href, kind, read_at, created_at)
    select ${ctx.leader}, (select full_name from users where id = ${ctx.clerk}) || ' trình ' || ${label} || ' xin ý kiến chỉ đạo.',
      '/incoming/' || d.id, 'assigned', case when d.status <> 'awaiting_instruction' then d.arrival_date + interval '2 hours' end,
      d.arrival_date + interval '1 hour'
    from incoming_documents d where d.register_id = ${reg.id} and d.status <> 'registered'`);
  await db.execute(sql`
    insert into notifications (user_id, text, href, kind, read_at, created_at)
    select coalesce(a.user_id, up.user_id),
      (select full_name from users where id = ${ctx.leader}) || ' giao ' || ${label} || ' ('
        || case a.role when 'lead' then 'Xử lý chính' when 'coordinate' then 'Phối hợp' else 'Nhận để biết' end
        || coalesce(', hạn ' || to_char(a.deadline, 'DD/MM/YYYY'), '') || ').',
      '/incoming/' || d.id, 'assigned',
      case when a.status = 'done' or d.arrival_no % 4 = 0 then a.created_at + interval '3 hours' end, a.created_at + interval '2 hours'
    from incoming_assignments a join incoming_documents d on d.id = a.document_id
      left join positions p on p.unit_id = a.unit_id and p.kind in ('unit_head', 'unit_deputy')
      left join user_positions up on up.position_id = p.id
    where d.register_id = ${reg.id} and coalesce(a.user_id, up.user_id) is not null`);
  await db.execute(sql`analyze`);
  const [{ docs, parts, events, notices }] = (
    await db.execute<{ docs: number; parts: number; events: number; notices: number }>(sql`
      select (select count(*)::int from incoming_documents) as docs, (select count(*)::int from incoming_assignments) as parts,
        (select count(*)::int from incoming_events) as events, (select count(*)::int from notifications) as notices`)
  ).rows;
  console.log(`Văn bản đến: ${docs} văn bản, ${parts} phần việc, ${events} sự kiện, ${notices} thông báo (${((Date.now() - t0) / 1000).toFixed(1)} s).`);
  return { incoming: docs, assignments: parts };
}
