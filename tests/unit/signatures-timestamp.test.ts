import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleCms, signedAttributes, signWithCryptoKey } from "@/lib/signatures/cms";
import { embedCms, preparePdfSignature } from "@/lib/signatures/pdf/prepare";
import { requestTimestamp, TimestampError } from "@/lib/signatures/timestamp";
import { verifyPdf } from "@/lib/signatures/verify";
import { hasTool, poppler, samplePdf } from "../signatures/sign";
import { testCa, type TestCa } from "../signatures/test-ca";
import { startTestTsa, type TestTsa } from "../signatures/tsa";

// RFC 3161 signature time-stamps (PAdES B-T) from a test TSA (openssl ts -reply on loopback): the
// signature stays verifiable after the signer's certificate expires.

describe("PDF signature time-stamps", () => {
  let ca: TestCa;
  let tsa: TestTsa;
  beforeAll(async () => {
    ca = await testCa();
    tsa = await startTestTsa(ca.tsa, ca.root.certPem);
  });
  afterAll(async () => tsa?.close());

  async function sign(withStamp: boolean) {
    const { prepared, digest } = await preparePdfSignature(await samplePdf(1), { page: 0, rect: null, signedAt: new Date() });
    const attrs = await signedAttributes({ digest, certificate: ca.leader.certificate });
    const signature = await signWithCryptoKey(attrs, ca.leader.key);
    const timestampToken = withStamp ? await requestTimestamp(signature, tsa.url) : undefined;
    return embedCms(prepared, assembleCms({ signedAttributes: attrs, signature, chain: ca.leader.chain, algorithm: "RSASSA-PKCS1-v1_5", timestampToken }));
  }

  it("embeds a TSA token; after the certificate expires the signature is still valid at the stamped time", async () => {
    const stamped = await sign(true);
    const plain = await sign(false);
    const anchors = [ca.root.certificate];
    const now = await verifyPdf(stamped, { trustAnchors: anchors });
    expect(now.verdict).toBe("valid");
    expect(now.signatures[0]).toMatchObject({ timestamped: true, certificateValid: true, trusted: true });
    expect(Math.abs(new Date(now.signatures[0].signedAt!).getTime() - Date.now())).toBeLessThan(120_000);
    // In 2050 the leader's certificate (valid to 2045) has expired.
    const later = new Date(Date.UTC(2050, 0, 1));
    expect((await verifyPdf(stamped, { trustAnchors: anchors, now: later })).verdict).toBe("valid");
    expect((await verifyPdf(plain, { trustAnchors: anchors, now: later })).signatures[0]).toMatchObject({ timestamped: false, certificateValid: false });
    // A token from a TSA nobody trusts does not count.
    expect((await verifyPdf(stamped, { trustAnchors: [], now: later })).signatures[0].timestamped).toBe(false);
    if (hasTool("pdfsig")) expect(poppler("pdfsig", stamped)).toContain("Signature is Valid.");
  });

  it("refuses an unreachable TSA", async () => {
    await expect(requestTimestamp(new Uint8Array([1, 2, 3]), "http://127.0.0.1:9/tsa", { timeoutMs: 2000 })).rejects.toBeInstanceOf(TimestampError);
  });
});
