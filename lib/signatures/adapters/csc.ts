import "server-only";

// Remote signing through the Cloud Signature Consortium API v2.0 (the open standard remote signing services
// implement): the service holds the person's key; the server asks it to sign the hash of the prepared bytes
// after the person authorises that one hash with their PIN (and OTP): credentials/authorize → SAD →
// signatures/signHash. The service is set per installation (CSC_URL, CSC_CLIENT_ID, CSC_CLIENT_SECRET): the
// server signs in with OAuth2 client credentials and names the person with `userID` (CSC v2 §11.4).

export const SHA256_OID = "2.16.840.1.101.3.4.2.1";
export const RSA_OID = "1.2.840.113549.1.1.1";
export const ECDSA_SHA256_OID = "1.2.840.10045.4.3.2";

export interface CscConfig {
  url: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
}

export function cscConfig(env: NodeJS.ProcessEnv = process.env): CscConfig | null {
  const url = env.CSC_URL?.trim();
  if (!url) return null;
  return { url: url.replace(/\/+$/, ""), clientId: env.CSC_CLIENT_ID ?? "", clientSecret: env.CSC_CLIENT_SECRET ?? "", timeoutMs: Number(env.CSC_TIMEOUT_MS) || 30_000 };
}

/** A refusal or failure of the service, with a message for the person. */
export class CscError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const MESSAGES: Record<string, string> = {
  invalid_pin: "Mã PIN không đúng.",
  invalid_otp: "Mã OTP không đúng.",
  invalid_request: "Dịch vụ ký số từ xa từ chối yêu cầu.",
  invalid_client: "Hệ thống chưa được cấp quyền dùng dịch vụ ký số từ xa (sai mã ứng dụng).",
  access_denied: "Dịch vụ ký số từ xa từ chối yêu cầu.",
  expired_token: "Phiên làm việc với dịch vụ ký số từ xa đã hết hạn, vui lòng ký lại.",
};

export interface CscCredential {
  credentialID: string;
  /** DER certificates, signer first. */
  chain: Uint8Array[];
  keyAlgo: string;
  /** "explicit" PIN and "online"/"offline" OTP as the service describes them. */
  pin: boolean;
  otp: boolean;
}

export class CscClient {
  private token: string | null = null;
  constructor(private readonly config: CscConfig) {}

  private async call<T>(path: string, body: unknown, auth: "bearer" | "basic" = "bearer"): Promise<T> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (auth === "bearer") headers.authorization = `Bearer ${await this.accessToken()}`;
    let res: Response;
    try {
      res = await fetch(`${this.config.url}${path}`, {
        method: "POST", headers, body: JSON.stringify(body), signal: AbortSignal.timeout(this.config.timeoutMs ?? 30_000), redirect: "error",
      });
    } catch {
      throw new CscError("Không kết nối được dịch vụ ký số từ xa. Vui lòng thử lại sau.", "unreachable");
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) {
      const code = typeof json.error === "string" ? json.error : `http_${res.status}`;
      throw new CscError(MESSAGES[code] ?? `Dịch vụ ký số từ xa báo lỗi (${code}).`, code);
    }
    return json as T;
  }

  /** OAuth2 client credentials (CSC v2 §8.3.3), kept for the life of this client. */
  private async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const res = await fetch(`${this.config.url}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: this.config.clientId, client_secret: this.config.clientSecret }),
      signal: AbortSignal.timeout(this.config.timeoutMs ?? 30_000),
      redirect: "error",
    }).catch(() => null);
    if (!res) throw new CscError("Không kết nối được dịch vụ ký số từ xa. Vui lòng thử lại sau.", "unreachable");
    const json = (await res.json().catch(() => ({}))) as { access_token?: string; error?: string };
    if (!res.ok || !json.access_token) throw new CscError(MESSAGES[json.error ?? ""] ?? "Không đăng nhập được dịch vụ ký số từ xa.", json.error ?? "token");
    this.token = json.access_token;
    return this.token;
  }

  /** The person's credentials with their certificates (credentials/list with certificates "chain"). */
  async credentials(userID: string): Promise<CscCredential[]> {
    const list = await this.call<{ credentialIDs?: string[] }>("/csc/v2/credentials/list", { userID, maxResults: 20 });
    const out: CscCredential[] = [];
    for (const credentialID of list.credentialIDs ?? []) {
      const info = await this.call<{
        key?: { algo?: string[]; status?: string };
        cert?: { certificates?: string[]; status?: string };
        auth?: { mode?: string; objects?: { type?: string }[] };
        PIN?: { presence?: string };
        OTP?: { presence?: string };
      }>("/csc/v2/credentials/info", { credentialID, certificates: "chain", certInfo: false, authInfo: true });
      if (info.key?.status === "disabled") continue;
      const objects = info.auth?.objects ?? [];
      out.push({
        credentialID,
        chain: (info.cert?.certificates ?? []).map((c) => Uint8Array.from(Buffer.from(c, "base64"))),
        keyAlgo: info.key?.algo?.[0] ?? RSA_OID,
        pin: objects.some((o) => o.type === "Password") || (info.PIN?.presence ?? "false") !== "false",
        otp: objects.some((o) => o.type === "OTP") || (info.OTP?.presence ?? "false") !== "false",
      });
    }
    return out;
  }

  /** Authorises exactly this hash (SCAL2: the SAD is bound to it), then signs it. Returns the raw signature. */
  async signHash(credential: CscCredential, hash: Uint8Array, auth: { pin: string; otp?: string }): Promise<Uint8Array> {
    const hashes = [Buffer.from(hash).toString("base64")];
    const { SAD } = await this.call<{ SAD?: string }>("/csc/v2/credentials/authorize", {
      credentialID: credential.credentialID, numSignatures: 1, hashes, hashAlgorithmOID: SHA256_OID,
      PIN: auth.pin, ...(auth.otp ? { OTP: auth.otp } : {}),
    });
    if (!SAD) throw new CscError("Dịch vụ ký số từ xa không cấp quyền ký.", "no_sad");
    const signAlgo = credential.keyAlgo === RSA_OID ? RSA_OID : ECDSA_SHA256_OID;
    const { signatures } = await this.call<{ signatures?: string[] }>("/csc/v2/signatures/signHash", {
      credentialID: credential.credentialID, SAD, hashes, hashAlgorithmOID: SHA256_OID, signAlgo,
    });
    if (!signatures?.[0]) throw new CscError("Dịch vụ ký số từ xa không trả về chữ ký.", "no_signature");
    return Uint8Array.from(Buffer.from(signatures[0], "base64"));
  }
}
