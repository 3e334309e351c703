import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestIdentity } from "./test-ca";

// A test RFC 3161 time-stamp authority: `openssl ts -reply` behind a loopback HTTP server.

export interface TestTsa {
  url: string;
  requests: number;
  close(): Promise<void>;
}

const CONFIG = (dir: string) => `[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
dir = ${dir}
serial = ${dir}/serial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

export async function startTestTsa(tsa: TestIdentity, caPem: string): Promise<TestTsa> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsa-"));
  fs.writeFileSync(path.join(dir, "tsa.cnf"), CONFIG(dir));
  fs.writeFileSync(path.join(dir, "serial"), "01\n");
  fs.writeFileSync(path.join(dir, "tsa.pem"), tsa.certPem);
  fs.writeFileSync(path.join(dir, "tsa.key"), tsa.keyPem);
  fs.writeFileSync(path.join(dir, "ca.pem"), caPem);
  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      state.requests++;
      const n = state.requests;
      const query = path.join(dir, `q${n}.tsq`);
      const reply = path.join(dir, `r${n}.tsr`);
      fs.writeFileSync(query, Buffer.concat(chunks));
      try {
        execFileSync("openssl", ["ts", "-reply", "-config", path.join(dir, "tsa.cnf"), "-queryfile", query, "-signer", path.join(dir, "tsa.pem"), "-inkey", path.join(dir, "tsa.key"), "-chain", path.join(dir, "ca.pem"), "-out", reply], { stdio: "pipe" });
        res.writeHead(200, { "Content-Type": "application/timestamp-reply" }).end(fs.readFileSync(reply));
      } catch {
        res.writeHead(500).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    get requests() {
      return state.requests;
    },
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
