import { afterEach, describe, expect, it, vi } from "vitest";
import { fileUrl, UPLOAD_NETWORK_ERROR, uploadFile } from "@/lib/storage/client";

// The browser helper: raw body, percent-encoded name, the limit checked before sending.

describe("uploadFile", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("posts the bytes with the name percent-encoded in X-File-Name", async () => {
    const answer = { ok: true, file: { id: "1", name: "Tờ trình.pdf", size: 3, mime: "application/pdf", sha256: "ab" } };
    const fetchMock = vi.fn(async () => Response.json(answer, { status: 201 }));
    vi.stubGlobal("fetch", fetchMock);
    const file = new File([new Uint8Array([1, 2, 3])], "Tờ trình.pdf");
    expect(await uploadFile(file)).toEqual(answer);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/files");
    expect(init.method).toBe("POST");
    expect(init.body).toBe(file);
    expect(init.headers).toEqual({ "X-File-Name": "T%E1%BB%9D%20tr%C3%ACnh.pdf" });
  });

  it("refuses a file over the limit without sending it, and reports a network failure in Vietnamese", async () => {
    const fetchMock = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    vi.stubGlobal("fetch", fetchMock);
    const file = new File([new Uint8Array(2048)], "lon.pdf");
    expect(await uploadFile(file, { maxBytes: 1024 })).toEqual({ ok: false, formError: "Tệp vượt quá dung lượng cho phép (tối đa 1 KB)." });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(await uploadFile(file)).toEqual({ ok: false, formError: UPLOAD_NETWORK_ERROR });
  });

  it("builds download links", () => {
    expect(fileUrl("0b5e")).toBe("/api/files/0b5e");
    expect(fileUrl("0b5e", true)).toBe("/api/files/0b5e?inline=1");
  });
});
