import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AxisClient, axisMessageTypeOf } from "@/lib/exchange/axis-client";
import { TransportError, type AxisConfig, type Partner } from "@/lib/exchange/transport";
import { pingAxis, sendAxis } from "@/lib/exchange/transports/axis";
import { startAxisServer, type AxisServer } from "../exchange/axis-server";

// The axis client (the national axis SDK's operations over HTTP) against the reference axis server:
// send, list, get, acknowledge; bad credentials; a 500 (transient); a FAIL answer (permanent); a
// hung axis (timeout). The same client talks to a provincial platform or the national axis: only
// the AxisConfig changes.

const A = "000.00.01.H09"; // UBND tỉnh Bình Định (sender)
const B = "000.00.12.H09"; // Sở Tài chính (receiver)
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../fixtures/edxml", name), "utf8");

let axis: AxisServer;
let cfgA: AxisConfig;
let cfgB: AxisConfig;

async function caught(p: Promise<unknown>): Promise<TransportError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TransportError);
    return e as TransportError;
  }
  throw new Error("expected a TransportError");
}

beforeAll(async () => {
  axis = await startAxisServer({ accounts: { [A]: "secret-a", [B]: "secret-b" }, names: { [B]: "Sở Tài chính tỉnh Bình Định" } });
  cfgA = { url: axis.url, username: A, secret: "secret-a" };
  cfgB = { url: axis.url, username: B, secret: "secret-b" };
});
afterAll(async () => {
  await axis?.stop();
});
beforeEach(() => {
  axis.resume();
});

describe("axis client against the reference axis", () => {
  it("send → the receiver lists it, gets the exact bytes, acknowledges it, and it is no longer listed", async () => {
    const xml = fixture("edoc_new_BussinessDocType0.edxml");
    const a = new AxisClient(cfgA);
    const b = new AxisClient(cfgB);
    const id = await a.sendEdoc({ xml, from: A, to: [B], messageType: "edoc" });
    expect(id).toMatch(/\S/);

    const list = await b.getReceivedEdocList("edoc");
    const item = list.find((x) => x.id === id);
    expect(item).toMatchObject({ id, from: A, to: B, messageType: "edoc" });
    expect(await b.getReceivedEdocList("status")).not.toContainEqual(expect.objectContaining({ id }));
    // The sender's box does not have it.
    expect((await a.getReceivedEdocList("edoc")).map((x) => x.id)).not.toContain(id);

    const raw = await b.getEdoc(id);
    expect(raw.toString("utf8")).toBe(xml); // Vietnamese text, byte for byte
    expect(axis.deliveries(id)).toBe(1);

    await b.updateStatus(id, "done");
    expect((await b.getReceivedEdocList("edoc")).map((x) => x.id)).not.toContain(id);
    expect(axis.packages.find((p) => p.id === id)).toMatchObject({ acknowledged: true, ackStatus: "done" });
  });

  it("sends the SDK's headers: systemid/secret, from, to as a JSON array, servicetype, messagetype", async () => {
    const xml = fixture("status_01_inbox.edxml");
    expect(axisMessageTypeOf(xml)).toBe("status");
    expect(axisMessageTypeOf(fixture("edoc_new_BussinessDocType0.edxml"))).toBe("edoc");
    const id = await new AxisClient(cfgA).sendEdoc({ xml, from: A, to: [B], messageType: axisMessageTypeOf(xml) });
    const p = axis.packages.find((x) => x.id === id)!;
    expect(p.type).toBe("status");
    expect(p.from).toBe(A);
    const listed = await new AxisClient(cfgB).getReceivedEdocList("status");
    expect(listed.find((x) => x.id === id)?.messageType).toBe("status");
  });

  it("the same message id sent twice (a retry after a lost answer) is one package", async () => {
    const a = new AxisClient(cfgA);
    const first = await a.sendEdoc({ xml: "<edXML/>", from: A, to: [B], messageType: "edoc", messageId: "msg-retry-1" });
    const again = await a.sendEdoc({ xml: "<edXML/>", from: A, to: [B], messageType: "edoc", messageId: "msg-retry-1" });
    expect(again).toBe(first);
    expect(axis.packages.filter((p) => p.messageId === "msg-retry-1")).toHaveLength(1);
  });

  it("bad credentials → permanent 'Sai tài khoản trục'", async () => {
    const e = await caught(new AxisClient({ ...cfgB, secret: "wrong" }).getReceivedEdocList("edoc"));
    expect(e.code).toBe("axis_auth");
    expect(e.permanent).toBe(true);
    expect(e.message).toContain("Sai tài khoản trục");
    const e2 = await caught(new AxisClient({ ...cfgA, username: "000.00.99.H99" }).sendEdoc({ xml: "<x/>", from: "000.00.99.H99", to: [B], messageType: "edoc" }));
    expect(e2.code).toBe("axis_auth");
  });

  it("a 500 from the axis → transient; the next request goes through", async () => {
    axis.failNext(1);
    const a = new AxisClient(cfgA);
    const e = await caught(a.sendEdoc({ xml: "<edXML/>", from: A, to: [B], messageType: "edoc" }));
    expect(e.permanent).toBe(false);
    expect(e.code).toBe("axis_http_500");
    expect(e.message).toContain("sẽ thử lại");
    expect(await a.sendEdoc({ xml: "<edXML/>", from: A, to: [B], messageType: "edoc" })).toMatch(/\S/);
  });

  it("the axis refuses (FAIL: unknown receiver) → permanent with its ErrorDesc", async () => {
    const e = await caught(new AxisClient(cfgA).sendEdoc({ xml: "<edXML/>", from: A, to: ["000.00.77.H77"], messageType: "edoc" }));
    expect(e.permanent).toBe(true);
    expect(e.code).toBe("axis_404");
    expect(e.message).toContain("000.00.77.H77");
  });

  it("a hung axis → transient timeout", async () => {
    axis.pause();
    const e = await caught(new AxisClient(cfgB, { timeoutMs: 300 }).getReceivedEdocList("edoc"));
    axis.resume();
    expect(e.code).toBe("timeout");
    expect(e.permanent).toBe(false);
  });

  it("a wrong address (404 for the operation) → permanent; a non-URL → refused before any request", async () => {
    const e = await caught(new AxisClient({ ...cfgB, url: `${axis.url}/nowhere` }).getReceivedEdocList("edoc"));
    expect(e.code).toBe("axis_not_found");
    expect(e.permanent).toBe(true);
    expect(() => new AxisClient({ ...cfgB, url: "truc.gov.vn" })).toThrow(TransportError);
  });
});

describe("axis transport", () => {
  const partnerB: Partner = { id: "p", agencyId: "a", organId: B, name: "Sở Tài chính", transport: "axis", endpoint: "", certPem: null, caPem: null };

  it("send: the package reaches the receiver's box as the right message type; the axis's id is returned", async () => {
    const xml = fixture("status_15_change-acceptance.edxml");
    const r = await sendAxis(partnerB, { xml, fromOrganId: A, toOrganId: B, messageId: "m-15" }, cfgA);
    const p = axis.packages.find((x) => x.id === r.packageId)!;
    expect(p).toMatchObject({ from: A, to: B, type: "status", messageId: "m-15" });
    expect(p.xml.toString("utf8")).toBe(xml);
  });

  it("ping: credentials checked and the partner found on the axis; an unknown OrganId is a clear error", async () => {
    expect((await pingAxis(partnerB, cfgA)).detail).toContain("Sở Tài chính tỉnh Bình Định, 000.00.12.H09");
    const e = await caught(pingAxis({ ...partnerB, organId: "000.00.55.H55" }, cfgA));
    expect(e.code).toBe("axis_unknown_partner");
    expect(e.message).toContain("000.00.55.H55");
    expect((await caught(pingAxis(partnerB, { ...cfgA, secret: "x" }))).message).toContain("Sai tài khoản trục");
  });
});
