"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { base64FromBytes, bytesFromBase64 } from "@/lib/account/signature-image";
import { agentChain, agentSign } from "@/lib/signatures/adapters/agent";
import { SIGN_METHOD_LABELS, type SignMethod, type SignPrepared } from "@/lib/outgoing/sign-schemas";
import { fileUrl } from "@/lib/storage/client";
import { PdfViewer } from "@/components/incoming/pdf-viewer";
import { announce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage, TextField } from "@/components/ui/field";

type Prepare = (input: { id: string; method: SignMethod; chain: string[] }) => Promise<ActionResult<SignPrepared>>;
type Complete = (input: { id: string; sessionId: string; method: SignMethod; signature: string }) => Promise<ActionResult<unknown>>;
type Remote = (input: { id: string; pin: string; otp: string }) => Promise<ActionResult<unknown>>;

/** What the page holds of an unlocked PKCS#12: the key stays a non-extractable CryptoKey in this page. */
interface Unlocked {
  key: CryptoKey;
  chain: Uint8Array[];
}

async function unlockPkcs12(bytes: Uint8Array, password: string): Promise<Unlocked> {
  const { readPkcs12 } = await import("@/lib/signatures/cms");
  const { key, chain } = await readPkcs12(bytes, password);
  const cryptoKey =
    key instanceof Uint8Array
      ? await crypto.subtle.importKey("pkcs8", key as BufferSource, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"])
      : key;
  return { key: cryptoKey, chain };
}

/**
 * Ký số on the draft page (issue 14): the signer chooses how to sign; the server prepares the final PDF with
 * the signature image between the title and the name and shows it; the signer's side signs the hash.
 * With a PKCS#12 file, the file and its password never leave this page (WebCrypto signs here).
 */
export function DigitalSignPanel({ id, methods, agentUrl, ready, prepareAction, completeAction, remoteAction }: {
  id: string;
  methods: SignMethod[];
  agentUrl: string | null;
  /** Why signing cannot start (no image or certificate on "Tài khoản của tôi"), or null. */
  ready: string | null;
  prepareAction: Prepare;
  completeAction: Complete;
  remoteAction: Remote;
}) {
  const uid = useId();
  const router = useRouter();
  const [method, setMethod] = useState<SignMethod>(methods[0]);
  const [unlocked, setUnlocked] = useState<Unlocked | null>(null);
  const [prepared, setPrepared] = useState<(SignPrepared & { method: SignMethod }) | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<Record<string, string>>({});
  const fileRef = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState("");
  const [pin, setPin] = useState("");
  const [otp, setOtp] = useState("");

  if (ready) {
    return (
      <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {ready} <Link href="/account" className="font-medium underline">Mở Tài khoản của tôi</Link>
      </p>
    );
  }

  const busy = async (step: () => Promise<void>) => {
    setPending(true);
    setError(undefined);
    try {
      await step();
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : "Không ký được. Vui lòng thử lại.");
    } finally {
      setPending(false);
    }
  };

  const done = () => {
    announce("Đã ký số. Văn bản chuyển văn thư phát hành.");
    router.refresh();
  };

  const unlock = () =>
    busy(async () => {
      const f = fileRef.current?.files?.[0];
      if (!f) return setFieldError({ p12: "Vui lòng chọn tệp .p12 hoặc .pfx." });
      if (!password) return setFieldError({ password: "Vui lòng nhập mật khẩu của tệp." });
      setFieldError({});
      try {
        setUnlocked(await unlockPkcs12(new Uint8Array(await f.arrayBuffer()), password));
        setPassword("");
      } catch {
        setFieldError({ password: "Không mở được tệp: sai mật khẩu hoặc tệp không phải PKCS#12." });
      }
    });

  const prepare = () =>
    busy(async () => {
      const chain = method === "agent" && agentUrl ? await agentChain(agentUrl) : unlocked?.chain;
      if (!chain) return;
      const r = await prepareAction({ id, method, chain: chain.map(base64FromBytes) });
      if (!r.ok) return setError(r.formError);
      setPrepared({ ...r.data, method });
      announce("Đã chuẩn bị bản ký. Kiểm tra vị trí chữ ký rồi bấm Ký số.");
    });

  const sign = () =>
    busy(async () => {
      if (!prepared) return;
      let signature: Uint8Array;
      if (prepared.method === "agent" && agentUrl) signature = await agentSign(agentUrl, bytesFromBase64(prepared.hashToSign));
      else if (unlocked) {
        const { signWithCryptoKey } = await import("@/lib/signatures/cms");
        signature = await signWithCryptoKey(bytesFromBase64(prepared.toBeSigned), unlocked.key);
      } else return;
      const r = await completeAction({ id, sessionId: prepared.sessionId, method: prepared.method, signature: base64FromBytes(signature) });
      if (!r.ok) return setError(r.formError);
      setUnlocked(null);
      setPrepared(null);
      done();
    });

  const signRemote = () =>
    busy(async () => {
      if (!pin) return setFieldError({ pin: "Vui lòng nhập mã PIN." });
      setFieldError({});
      const r = await remoteAction({ id, pin, otp });
      setPin("");
      setOtp("");
      if (!r.ok) return setError(r.formError);
      done();
    });

  return (
    <div className="space-y-4">
      {methods.length > 1 ? (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-700">Cách ký</legend>
          {methods.map((m) => (
            <label key={m} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={`${uid}-method`}
                value={m}
                checked={method === m}
                disabled={pending || !!prepared}
                onChange={() => {
                  setMethod(m);
                  setError(undefined);
                }}
              />
              {SIGN_METHOD_LABELS[m]}
            </label>
          ))}
        </fieldset>
      ) : null}

      {method === "pkcs12" && !unlocked ? (
        <form aria-label="Mở tệp chữ ký số" noValidate className="space-y-3" onSubmit={(e) => (e.preventDefault(), void unlock())}>
          <div>
            <label htmlFor={`${uid}-p12`} className="block text-sm font-medium text-slate-700">Tệp chữ ký số (.p12, .pfx)</label>
            <input
              ref={fileRef}
              id={`${uid}-p12`}
              type="file"
              accept=".p12,.pfx,application/x-pkcs12"
              aria-invalid={fieldError.p12 ? true : undefined}
              aria-describedby={`${uid}-p12-hint${fieldError.p12 ? ` ${uid}-p12-error` : ""}`}
              className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
            />
            <p id={`${uid}-p12-hint`} className="mt-1 text-xs text-slate-600">Tệp và mật khẩu chỉ dùng trong trang này, không gửi lên máy chủ.</p>
            <FieldError id={`${uid}-p12`} message={fieldError.p12} />
          </div>
          <TextField
            id={`${uid}-password`}
            label="Mật khẩu của tệp"
            type="password"
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError.password}
          />
          <Button type="submit" variant="secondary" pending={pending}>Mở tệp</Button>
        </form>
      ) : null}

      {method === "pkcs12" && unlocked && !prepared ? (
        <p className="text-sm text-slate-700">Đã mở tệp chữ ký số. Bấm Chuẩn bị bản ký để xem vị trí chữ ký.</p>
      ) : null}

      {(method === "agent" || (method === "pkcs12" && unlocked)) && !prepared ? (
        <Button type="button" pending={pending} onClick={() => void prepare()}>Chuẩn bị bản ký</Button>
      ) : null}

      {method === "csc" ? (
        <form aria-label="Ký số từ xa" noValidate className="space-y-3" onSubmit={(e) => (e.preventDefault(), void signRemote())}>
          <TextField id={`${uid}-pin`} label="Mã PIN của chứng thư số" type="password" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} error={fieldError.pin} />
          <TextField id={`${uid}-otp`} label="Mã OTP (nếu dịch vụ yêu cầu)" inputMode="numeric" autoComplete="one-time-code" value={otp} onChange={(e) => setOtp(e.target.value)} />
          <Button type="submit" pending={pending}>Ký số</Button>
        </form>
      ) : null}

      {prepared ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">
            Bản ký: chữ ký đặt giữa chức vụ và họ tên người ký ở trang {prepared.page + 1}. Kiểm tra rồi bấm Ký số.
          </p>
          <PdfViewer url={fileUrl(prepared.previewFileId)} name="Bản ký" />
          <div className="flex flex-wrap gap-2">
            <Button type="button" pending={pending} onClick={() => void sign()}>Ký số</Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setPrepared(null)}>Hủy</Button>
          </div>
        </div>
      ) : null}

      <FormMessage message={error} />
    </div>
  );
}
