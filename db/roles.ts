import pg from "pg";

// Least privilege on PostgreSQL (security.md §4): migrations run as the owner of the tables; the
// app connects as a role that owns nothing, may not create anything, and may only add to and read
// the audit trail. Granted again after every migration, so tables added later are covered too.

/** The app's role: DATABASE_APP_ROLE, else the user of DATABASE_URL. */
export function appRoleName(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.DATABASE_APP_ROLE) return env.DATABASE_APP_ROLE;
  if (!env.DATABASE_URL) return null;
  const user = decodeURIComponent(new URL(env.DATABASE_URL).username);
  return user || null;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The statements that give `role` what the app needs and nothing more (idempotent). */
export function appRoleGrants(role: string): string[] {
  const r = ident(role);
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    // Tables and sequences the owner creates later (future migrations) get the same rights.
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
    // The audit trail: append and read only (the triggers of 0002 refuse the rest for everyone).
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events FROM ${r}`,
    // Before PostgreSQL 15 every role could create tables in public.
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
  ];
}

export interface RoleCheck {
  role: string;
  exists: boolean;
  /** What is wrong with the app role, in Vietnamese; empty when it has least privilege. */
  problems: string[];
}

/** Grants the app role its rights as the owner (`ownerUrl`) and reports what is still too wide. */
export async function grantAppRole(ownerUrl: string, role: string): Promise<RoleCheck> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows: me } = await client.query<{ user: string }>("select current_user as user");
    if (me[0].user === role)
      return { role, exists: true, problems: [`vai trò ứng dụng ${role} cũng là vai trò chạy migration (chủ sở hữu các bảng)`] };
    const { rows } = await client.query("select 1 from pg_roles where rolname = $1", [role]);
    if (rows.length === 0) return { role, exists: false, problems: [`vai trò ${role} chưa được tạo (CREATE ROLE … LOGIN)`] };
    await client.query("begin");
    for (const statement of appRoleGrants(role)) await client.query(statement);
    await client.query("commit");
    return { role, exists: true, problems: await roleProblems(client, role) };
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}

/** Rights the app role has beyond what it needs, read from the catalogue of the current database. */
export async function roleProblems(client: pg.Client, role: string): Promise<string[]> {
  const problems: string[] = [];
  const { rows: attrs } = await client.query(
    "select rolsuper, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles where rolname = $1",
    [role],
  );
  const a = attrs[0];
  if (a?.rolsuper) problems.push(`${role} là superuser`);
  if (a?.rolcreaterole) problems.push(`${role} có quyền CREATEROLE`);
  if (a?.rolcreatedb) problems.push(`${role} có quyền CREATEDB`);
  if (a?.rolbypassrls) problems.push(`${role} có quyền BYPASSRLS`);
  const { rows: owned } = await client.query(
    `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where pg_get_userbyid(c.relowner) = $1 and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')`,
    [role],
  );
  if (owned[0].n > 0) problems.push(`${role} sở hữu ${owned[0].n} bảng/đối tượng (có thể tắt trigger nhật ký)`);
  const { rows: rights } = await client.query(
    `select has_schema_privilege($1, 'public', 'CREATE') as create_public,
            has_table_privilege($1, 'audit_events', 'UPDATE') as upd,
            has_table_privilege($1, 'audit_events', 'DELETE') as del,
            has_table_privilege($1, 'audit_events', 'TRUNCATE') as trunc`,
    [role],
  );
  const r = rights[0];
  if (r.create_public) problems.push(`${role} được tạo bảng trong schema public`);
  if (r.upd || r.del || r.trunc) problems.push(`${role} được sửa/xóa audit_events`);
  return problems;
}
