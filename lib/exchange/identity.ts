import "server-only";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { agencies, exchangeIdentities } from "@/db/schema";
import type { EdxmlOrganization } from "@/lib/edxml";
import type { SigningKey } from "@/lib/edxml/signature";
import { open } from "@/lib/secret-box";
import type { AxisConfig } from "./transport";

/** This agency as the From of its messages (name, OrganId, address, contact). */
export async function ourOrganization(db: Db | Tx, agencyId: string): Promise<EdxmlOrganization> {
  const [a] = await db.select().from(agencies).where(eq(agencies.id, agencyId));
  if (!a) throw new Error(`agency ${agencyId} not found`);
  const [x] = await db.select().from(exchangeIdentities).where(eq(exchangeIdentities.agencyId, agencyId));
  const org: EdxmlOrganization = { organId: a.organId, organName: a.name };
  if (a.parentName) org.organizationInCharge = a.parentName;
  if (x?.address) org.organAdd = x.address;
  if (x?.email) org.email = x.email;
  if (x?.telephone) org.telephone = x.telephone;
  if (x?.website) org.website = x.website;
  return org;
}

/** The agency's exchange key and certificate, or null when the administrator has not set them up. */
export async function signingKeyOf(db: Db | Tx, agencyId: string): Promise<SigningKey | null> {
  const [x] = await db.select({ keyEnc: exchangeIdentities.keyEnc, certPem: exchangeIdentities.certPem }).from(exchangeIdentities).where(eq(exchangeIdentities.agencyId, agencyId));
  if (!x?.keyEnc || !x.certPem) return null;
  return { key: open(x.keyEnc).toString("utf8"), cert: x.certPem };
}

/** The axis this agency is connected to: the administrator's settings, else AXIS_URL/AXIS_USERNAME/AXIS_SECRET. */
export async function axisConfigOf(db: Db | Tx, agencyId: string, env: NodeJS.ProcessEnv = process.env): Promise<AxisConfig | null> {
  const [x] = await db.select().from(exchangeIdentities).where(eq(exchangeIdentities.agencyId, agencyId));
  if (x?.axisUrl) return { url: x.axisUrl, username: x.axisUsername, secret: x.axisSecretEnc ? open(x.axisSecretEnc).toString("utf8") : "" };
  if (env.AXIS_URL) return { url: env.AXIS_URL, username: env.AXIS_USERNAME ?? "", secret: env.AXIS_SECRET ?? "" };
  return null;
}
