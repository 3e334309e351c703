import "server-only";
import { getDb } from "@/db/client";
import { AxisClient, axisMessageTypeOf } from "../axis-client";
import { axisConfigOf } from "../identity";
import { TransportError, type AxisConfig, type OutboundPackage, type Partner, type PingResult, type SendResult, type Transport } from "../transport";
import { registerTransport } from "./index";

// The "axis" transport: a package to a partner that is reached through the liên thông axis (national
// or provincial). The sending agency's axis connection (url, systemId, secret) comes from its
// exchange identity, else AXIS_URL/AXIS_USERNAME/AXIS_SECRET (lib/exchange/identity.ts axisConfigOf);
// the operations are those of the axis SDK (lib/exchange/axis-client.ts). Packages for us are taken
// from the axis by the poller (lib/exchange/axis-poll.ts).

async function configFor(partner: Partner): Promise<AxisConfig> {
  const cfg = await axisConfigOf(await getDb(), partner.agencyId);
  if (!cfg?.url)
    throw new TransportError("axis_not_configured", "Chưa cấu hình kết nối trục liên thông (địa chỉ, mã hệ thống, khóa bí mật) cho cơ quan này.", true);
  return cfg;
}

export async function sendAxis(partner: Partner, pkg: OutboundPackage, cfg?: AxisConfig): Promise<SendResult> {
  const client = new AxisClient(cfg ?? (await configFor(partner)));
  const packageId = await client.sendEdoc({
    xml: pkg.xml,
    from: pkg.fromOrganId,
    to: [pkg.toOrganId],
    messageType: axisMessageTypeOf(pkg.xml),
    messageId: pkg.messageId,
  });
  return { packageId };
}

export async function pingAxis(partner: Partner, cfg?: AxisConfig): Promise<PingResult> {
  const c = cfg ?? (await configFor(partner));
  const client = new AxisClient(c);
  // The credentials are checked by any call; the agency list also tells whether the partner is on it.
  const agencies = await client.getAgenciesList();
  const host = new URL(c.url).host;
  if (agencies.length === 0) return { detail: `Kết nối được trục liên thông ${host} (trục không trả danh sách đơn vị).` };
  const found = agencies.find((a) => a.code === partner.organId);
  if (!found)
    throw new TransportError(
      "axis_unknown_partner",
      `Kết nối được trục liên thông ${host}, nhưng mã định danh ${partner.organId} không có trên trục. Kiểm tra lại mã định danh của đơn vị.`,
      true,
    );
  return { detail: `Kết nối được qua trục liên thông ${host}: ${found.name || partner.name}, ${partner.organId}.` };
}

export const axisTransport: Transport = {
  name: "axis",
  send: (partner, pkg) => sendAxis(partner, pkg),
  ping: (partner) => pingAxis(partner),
};

registerTransport(axisTransport);
