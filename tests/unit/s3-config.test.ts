import { describe, expect, it } from "vitest";
import { s3Config, S3ConfigError } from "@/lib/storage/s3-config";

// FILES_S3_URL or S3_* (issue 15 item 3): unset is the local folder; a half-written setting is an
// error, never a silent fallback to one instance's disk.

describe("S3 configuration", () => {
  it("is the local folder when nothing is set", () => {
    expect(s3Config({})).toBeNull();
    expect(s3Config({ FILES_DIR: "/srv/files" })).toBeNull();
  });

  it("reads FILES_S3_URL: percent-encoded keys, prefix, region, tls and path style", () => {
    expect(s3Config({ FILES_S3_URL: "s3://AKIA%2F1:s%40cr%3Aet@minio.local:9000/vpdt/van-phong/tep?region=ap-southeast-1&tls=0" })).toEqual({
      endpoint: "http://minio.local:9000",
      region: "ap-southeast-1",
      bucket: "vpdt",
      prefix: "van-phong/tep/",
      credentials: { accessKeyId: "AKIA/1", secretAccessKey: "s@cr:et" },
      forcePathStyle: true,
    });
    expect(s3Config({ FILES_S3_URL: "s3://s3.amazonaws.com/vpdt-files?path_style=0" })).toMatchObject({
      endpoint: "https://s3.amazonaws.com", region: "us-east-1", prefix: "", credentials: undefined, forcePathStyle: false,
    });
  });

  it("reads the S3_* variables", () => {
    expect(
      s3Config({ S3_ENDPOINT: "https://s3.example.vn/", S3_BUCKET: "vpdt", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s", S3_REGION: "hn", S3_PREFIX: "a/" }),
    ).toEqual({
      endpoint: "https://s3.example.vn", region: "hn", bucket: "vpdt", prefix: "a/", credentials: { accessKeyId: "k", secretAccessKey: "s" }, forcePathStyle: true,
    });
    // No endpoint: AWS itself, credentials from the SDK's chain.
    expect(s3Config({ S3_BUCKET: "vpdt" })).toMatchObject({ endpoint: undefined, credentials: undefined });
  });

  it("refuses a half-written or ambiguous setting with a clear message", () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ S3_ENDPOINT: "http://127.0.0.1:9000" }, /thiếu S3_BUCKET/],
      [{ S3_BUCKET: "vpdt", S3_ACCESS_KEY_ID: "k" }, /cả S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY/],
      [{ S3_BUCKET: "vpdt", S3_ENDPOINT: "127.0.0.1:9000" }, /S3_ENDPOINT phải có dạng/],
      [{ S3_BUCKET: "Khong_Hop_Le" }, /Tên bucket/],
      [{ S3_BUCKET: "vpdt", S3_PREFIX: "a/../b" }, /Tiền tố/],
      [{ FILES_S3_URL: "http://x/vpdt" }, /s3:\/\//],
      [{ FILES_S3_URL: "s3://k@x/vpdt" }, /cả khóa truy cập và khóa bí mật/],
      [{ FILES_S3_URL: "s3://x/vpdt?tls=yes" }, /tls phải là 0 hoặc 1/],
      [{ FILES_S3_URL: "s3://x/vpdt", S3_BUCKET: "khac" }, /không cả hai/],
    ];
    for (const [env, message] of bad) expect(() => s3Config(env), JSON.stringify(env)).toThrow(message);
    expect(() => s3Config({ S3_BUCKET: "Khong_Hop_Le" })).toThrow(S3ConfigError);
  });
});
