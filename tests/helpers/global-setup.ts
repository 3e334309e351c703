import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { drizzle } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/pglite/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import type { TestProject } from "vitest/node";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// Migrating takes seconds; do it once and let every test file start from the result: PGlite loads
// the dumped directory, PostgreSQL copies a migrated template database (CREATE DATABASE … TEMPLATE).
export default async function setup(project: TestProject) {
  const client = await PGlite.create({ extensions: { unaccent, pg_trgm } });
  await migrate(drizzle(client), { migrationsFolder });
  const dump = await client.dumpDataDir("none");
  await client.close();
  const file = path.join(os.tmpdir(), `vpdt-pglite-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  const pgTemplate = await migratedPostgresTemplate();
  project.provide("postgresTemplate", pgTemplate?.name ?? "");
  return async () => {
    fs.rmSync(file, { force: true });
    await pgTemplate?.drop();
  };
}

/** A migrated database on TEST_DATABASE_URL that no one connects to afterwards (a template must be idle). */
async function migratedPostgresTemplate() {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return undefined;
  const name = `t_template_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  try {
    await migratePg(drizzlePg(pool), { migrationsFolder });
  } finally {
    await pool.end();
  }
  return { name, drop: () => admin(`drop database if exists ${name} with (force)`) };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    /** The migrated PostgreSQL template database ("" without TEST_DATABASE_URL). */
    postgresTemplate: string;
  }
}
