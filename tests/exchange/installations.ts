import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { copyTemplate, freePort, makeTempDir, ROOT, startApp, type AppServer } from "../e2e/harness";

// Two installations of this system on loopback, for liên thông tests (issue 13):
//   A: Sở Nội vụ tỉnh Bình Định (the default demo agency) on PGlite,
//   B: Sở Tài chính tỉnh Bình Định (DEMO_AGENCY=stc) on a fresh PostgreSQL database vpdt_two_<random>
//      (dropped afterwards), or on PGlite too when PostgreSQL does not answer (`engines` says which).
// Each gets an RSA key and a self-signed certificate made here (openssl), imported as a PKCS#12 with
// the operator CLI (`npm run exchange -- identity import-p12`), and the other in its directory
// (`partner add … --direct URL --cert …`, or `--axis` with the axis URL). Both are set up before their
// servers start: PGlite is opened by one process at a time, and the ports are chosen in advance.

export const ORGAN_A = "000.00.12.H08";
export const ORGAN_B = "000.00.12.H09";
export const NAME_A = "Sở Nội vụ tỉnh Bình Định";
export const NAME_B = "Sở Tài chính tỉnh Bình Định";
const PG_ADMIN_URL = process.env.EXCHANGE_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const P12_PASSWORD = "mật-khẩu-liên-thông";
/** The accounts on the reference axis (tests/exchange/axis-server.ts): user name = OrganId. */
export const AXIS_SECRETS: Record<string, string> = { [ORGAN_A]: "axis-secret-A", [ORGAN_B]: "axis-secret-B" };

export interface Installation {
  label: "A" | "B";
  organId: string;
  name: string;
  engine: "pglite" | "postgresql";
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  app: AppServer;
  dataDir: string;
  /** PostgreSQL only: the database URL (the test may read it; PGlite is held by the server). */
  databaseUrl?: string;
  /** The exchange certificate (PEM) and the key (PKCS#8 PEM) of this agency. */
  certPem: string;
  keyPem: string;
  certFile: string;
  /** Stops the server (the data stay). */
  stop(): Promise<void>;
  /** Starts the server again on the same port and data. */
  start(): Promise<void>;
  /** Runs `npm run exchange -- …` against this installation's database (server stopped on PGlite). */
  cli(args: string[], env?: Record<string, string>): { status: number; stdout: string; stderr: string };
  /** Runs a TypeScript file (path from the repository root) with this installation's database environment. */
  script(file: string, args: string[]): { status: number; stdout: string; stderr: string };
  logs(): string;
}

export interface TwoInstallations {
  a: Installation;
  b: Installation;
  /** "PGlite + PostgreSQL", or "PGlite + PGlite" when PostgreSQL did not answer. */
  engines: string;
  stop(): Promise<void>;
}

export interface InstallationsOptions {
  /** How each reaches the other: directly (each other's URL) or through an axis at `axisUrl`. */
  transport?: "direct" | "axis";
  axisUrl?: string;
  /** Extra environment for both servers. */
  env?: Record<string, string | undefined>;
  verbose?: boolean;
  /** Runs after the identities and directories are set up, before the servers start (e.g. prepare drafts on A). */
  beforeStart?: (a: Installation, b: Installation) => void | Promise<void>;
}

/** Whether PostgreSQL answers at the admin URL (a 3 s try). */
export async function postgresAnswers(url = PG_ADMIN_URL): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

async function adminQuery(sql: string) {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** An RSA key and a self-signed certificate of the agency, and the PKCS#12 made of them. */
function makeIdentity(dir: string, name: string, organId: string) {
  fs.mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, "key.pem");
  const certFile = path.join(dir, "cert.pem");
  const p12File = path.join(dir, "exchange.p12");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "30", "-utf8",
    "-subj", `/CN=${name}/O=${name}/serialNumber=${organId}/C=VN`,
  ], { stdio: "pipe" });
  execFileSync("openssl", ["pkcs12", "-export", "-inkey", keyFile, "-in", certFile, "-out", p12File, "-passout", `pass:${P12_PASSWORD}`], { stdio: "pipe" });
  return { keyPem: fs.readFileSync(keyFile, "utf8"), certPem: fs.readFileSync(certFile, "utf8"), certFile, p12File };
}

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const file = script.includes("/") ? script : path.join("scripts", script);
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", file, ...args], {
    cwd: ROOT, env, encoding: "utf8", timeout: 180_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

function cleanEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("VITEST")) delete env[k];
  for (const k of ["NODE_ENV", "DATABASE_URL", "DATABASE_MIGRATION_URL", "TEST_DATABASE_URL", "DATA_DIR", "DEMO_SEED", "DEMO_AGENCY", "AUTH_SECRET", "EXCHANGE_SECRET", "NODE_OPTIONS"]) delete env[k];
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** Starts A and B, each knowing the other; stop() ends both and removes their data. */
export async function startInstallations(opts: InstallationsOptions = {}): Promise<TwoInstallations> {
  const transport = opts.transport ?? "direct";
  if (transport === "axis" && !opts.axisUrl) throw new Error("startInstallations: axis transport needs axisUrl");
  const root = makeTempDir("vpdt-two-");
  const withPg = await postgresAnswers();
  const dbName = `vpdt_two_${randomBytes(6).toString("hex")}`;
  const pgUrl = withPg ? PG_ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`) : undefined;
  if (withPg) await adminQuery(`create database ${dbName}`);

  const portA = await freePort();
  let portB = await freePort();
  while (portB === portA) portB = await freePort();

  const specs = [
    { label: "A" as const, organId: ORGAN_A, name: NAME_A, port: portA, databaseUrl: undefined as string | undefined, demoAgency: undefined as string | undefined },
    { label: "B" as const, organId: ORGAN_B, name: NAME_B, port: portB, databaseUrl: pgUrl, demoAgency: "stc" },
  ];
  const installations: Installation[] = [];
  const started: Installation[] = [];
  const cleanup = async () => {
    for (const i of started) await i.stop().catch(() => {});
    if (withPg) await adminQuery(`drop database if exists ${dbName} with (force)`).catch((e) => console.warn(`[two] drop ${dbName}: ${e}`));
    fs.rmSync(root, { recursive: true, force: true });
  };

  try {
    for (const s of specs) {
      const dataDir = path.join(root, s.label, "data");
      fs.mkdirSync(dataDir, { recursive: true });
      const identity = makeIdentity(path.join(root, s.label, "identity"), s.name, s.organId);
      // Each installation its own secrets; the CLI seals the key with the same EXCHANGE_SECRET as the server.
      const secrets = { AUTH_SECRET: randomBytes(32).toString("base64url"), EXCHANGE_SECRET: randomBytes(32).toString("base64url") };
      const dbEnv = { DATA_DIR: dataDir, DATABASE_URL: s.databaseUrl, DEMO_AGENCY: s.demoAgency, DEMO_SECOND_AGENCY: "0", ...secrets };
      // The database: A from the browser tests' template when there is one, else migrate + seed here.
      const template = process.env.E2E_PGLITE_TEMPLATE;
      if (s.label === "A" && template && fs.existsSync(path.join(template, "pglite"))) copyTemplate(template, dataDir);
      else {
        const r = runScript("seed-demo.ts", [], cleanEnv(dbEnv));
        if (r.status !== 0) throw new Error(`seed of ${s.label} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
      }
      // Through the axis: both agencies use the same (reference) axis, each with its OrganId as user name.
      const axisEnv = transport === "axis" ? { AXIS_URL: opts.axisUrl!, AXIS_USERNAME: s.organId, AXIS_SECRET: AXIS_SECRETS[s.organId] } : {};
      const cli: Installation["cli"] = (args, env = {}) => runScript("exchange.ts", args, cleanEnv({ ...dbEnv, ...env }));
      let app: AppServer | undefined;
      const inst: Installation = {
        label: s.label, organId: s.organId, name: s.name, engine: s.databaseUrl ? "postgresql" : "pglite", port: s.port,
        url: `http://127.0.0.1:${s.port}`, dataDir, databaseUrl: s.databaseUrl, certPem: identity.certPem, keyPem: identity.keyPem,
        certFile: identity.certFile,
        get app() {
          if (!app) throw new Error(`installation ${s.label} is not started`);
          return app;
        },
        cli,
        script: (file, args) => runScript(file, args, cleanEnv(dbEnv)),
        logs: () => app?.logs() ?? "",
        async stop() {
          const a = app;
          app = undefined;
          if (a) await a.stop();
        },
        async start() {
          if (app) return;
          app = await startApp({
            port: s.port, dataDir, keepDataDir: true, verbose: opts.verbose,
            env: {
              ...secrets, DATABASE_URL: s.databaseUrl, DEMO_SEED: s.databaseUrl ? "1" : undefined, DEMO_AGENCY: s.demoAgency, DEMO_SECOND_AGENCY: "0",
              JOBS_POLL_MS: "200", ...axisEnv, ...(opts.env ?? {}),
            },
          });
        },
      };
      const imported = cli(["identity", "import-p12", "--agency", s.organId, identity.p12File], { EXCHANGE_P12_PASSWORD: P12_PASSWORD });
      if (imported.status !== 0) throw new Error(`identity import-p12 on ${s.label} failed:\n${imported.stdout}\n${imported.stderr}`);
      installations.push(inst);
    }
    const [a, b] = installations;
    for (const [self, other] of [[a, b], [b, a]] as const) {
      const how = transport === "direct" ? ["--direct", other.url] : ["--axis"];
      const r = self.cli(["partner", "add", "--agency", self.organId, "--organ-id", other.organId, "--name", other.name, ...how, "--cert", other.certFile]);
      if (r.status !== 0) throw new Error(`partner add on ${self.label} failed:\n${r.stdout}\n${r.stderr}`);
    }
    await opts.beforeStart?.(a, b);
    // One after the other: two cold starts at once on two cores take longer than in turn.
    for (const i of installations) {
      await i.start();
      started.push(i);
    }
    return {
      a, b, engines: withPg ? "PGlite + PostgreSQL" : "PGlite + PGlite (PostgreSQL did not answer)",
      stop: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
