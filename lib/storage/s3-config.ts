// Where blobs live when they are not in the local folder: an S3-compatible bucket (AWS S3, MinIO,
// Garage, Ceph…), so that several app instances share the same files. Two ways to say it:
//
//   FILES_S3_URL=s3://ACCESS_KEY:SECRET@HOST[:PORT]/BUCKET[/PREFIX]?region=REGION&tls=0|1&path_style=0|1
//     (key and secret percent-encoded; tls=1, https, by default; path_style=1 by default, which
//     S3-compatible servers need; region us-east-1 by default)
//   S3_BUCKET (required) with S3_ENDPOINT (http(s)://host:port; AWS when unset), S3_ACCESS_KEY_ID and
//     S3_SECRET_ACCESS_KEY (both or neither: neither = the SDK's own credential chain), S3_REGION,
//     S3_PREFIX, S3_PATH_STYLE=0|1
//
// Neither set: the local folder (FILES_DIR), as before. A half-written configuration is an error, never
// a silent fallback to the local disk (instances would stop sharing files without anyone noticing).

export interface S3Config {
  endpoint?: string;
  region: string;
  bucket: string;
  /** Key prefix inside the bucket, "" or ending in "/". */
  prefix: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
}

export class S3ConfigError extends Error {}

type Env = Record<string, string | undefined>;

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function prefixOf(raw: string): string {
  const p = raw.replace(/^\/+|\/+$/g, "");
  if (!p) return "";
  if (p.split("/").some((s) => s === "" || s === "." || s === "..")) throw new S3ConfigError(`Tiền tố khóa S3 không hợp lệ: "${raw}".`);
  return `${p}/`;
}

function flag(v: string | null | undefined, fallback: boolean, name: string): boolean {
  if (v == null || v === "") return fallback;
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  throw new S3ConfigError(`${name} phải là 0 hoặc 1.`);
}

function checkBucket(bucket: string): string {
  if (!BUCKET.test(bucket)) throw new S3ConfigError(`Tên bucket S3 không hợp lệ: "${bucket}".`);
  return bucket;
}

function fromUrl(raw: string): S3Config {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new S3ConfigError("FILES_S3_URL không phải là địa chỉ hợp lệ (s3://KHÓA:BÍ_MẬT@máy:cổng/bucket).");
  }
  if (u.protocol !== "s3:") throw new S3ConfigError("FILES_S3_URL phải bắt đầu bằng s3://");
  if (!u.hostname) throw new S3ConfigError("FILES_S3_URL thiếu tên máy chủ.");
  const [bucket = "", ...rest] = u.pathname.replace(/^\/+/, "").split("/");
  const accessKeyId = decodeURIComponent(u.username);
  const secretAccessKey = decodeURIComponent(u.password);
  if (!accessKeyId !== !secretAccessKey) throw new S3ConfigError("FILES_S3_URL: cần cả khóa truy cập và khóa bí mật, hoặc không cái nào.");
  const tls = flag(u.searchParams.get("tls"), true, "tls");
  return {
    endpoint: `${tls ? "https" : "http"}://${u.host}`,
    region: u.searchParams.get("region") || "us-east-1",
    bucket: checkBucket(bucket),
    prefix: prefixOf(rest.join("/")),
    credentials: accessKeyId ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle: flag(u.searchParams.get("path_style"), true, "path_style"),
  };
}

function fromVars(env: Env): S3Config {
  const { S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = env;
  if (!env.S3_BUCKET) throw new S3ConfigError("Đã đặt biến S3_* nhưng thiếu S3_BUCKET.");
  if (!S3_ACCESS_KEY_ID !== !S3_SECRET_ACCESS_KEY) throw new S3ConfigError("Cần cả S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY, hoặc không biến nào.");
  if (S3_ENDPOINT && !/^https?:\/\/[^/]+\/?$/.test(S3_ENDPOINT)) throw new S3ConfigError("S3_ENDPOINT phải có dạng http(s)://máy:cổng");
  return {
    endpoint: S3_ENDPOINT ? S3_ENDPOINT.replace(/\/$/, "") : undefined,
    region: env.S3_REGION || "us-east-1",
    bucket: checkBucket(env.S3_BUCKET),
    prefix: prefixOf(env.S3_PREFIX ?? ""),
    credentials: S3_ACCESS_KEY_ID ? { accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY! } : undefined,
    forcePathStyle: flag(env.S3_PATH_STYLE, true, "S3_PATH_STYLE"),
  };
}

const S3_VARS = ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_REGION", "S3_PREFIX", "S3_PATH_STYLE"];

/** The bucket to use, or null for the local folder. Throws S3ConfigError on a half-written setting. */
export function s3Config(env: Env = process.env): S3Config | null {
  const anyVar = S3_VARS.some((v) => env[v]);
  if (env.FILES_S3_URL) {
    if (anyVar) throw new S3ConfigError("Chỉ dùng một cách cấu hình: FILES_S3_URL hoặc các biến S3_*, không cả hai.");
    return fromUrl(env.FILES_S3_URL);
  }
  return anyVar ? fromVars(env) : null;
}
