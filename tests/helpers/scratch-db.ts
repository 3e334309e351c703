import pg from "pg";

/** An empty PostgreSQL database on the server of `base`, named `name`: its URL, create and drop (with force). */
export function scratchDatabase(base: string, name: string) {
  const onServer = async (statement: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    create: () => onServer(`create database ${name}`),
    drop: () => onServer(`drop database if exists ${name} with (force)`),
  };
}
