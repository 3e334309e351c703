import { describe, expect, it } from "vitest";
import { positionKind, type PositionKind } from "@/db/schema/org";
import { can, kindCan, PERMISSIONS, POSITION_KIND_LABELS, unitsWhere, VERBS, type Verb } from "@/lib/auth/permissions";

// style.md rule 4: permissions as data, failing closed.
const at = (kind: string, unitId = "u1") => ({ kind: kind as PositionKind, unitId });

describe("permissions table", () => {
  it("has an entry and a Vietnamese label for every position kind, and only known verbs", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...positionKind.enumValues].sort());
    expect(Object.keys(POSITION_KIND_LABELS).sort()).toEqual([...positionKind.enumValues].sort());
    for (const verbs of Object.values(PERMISSIONS)) for (const v of verbs) expect(VERBS).toContain(v);
  });

  it("gives organisation management to the administrator only", () => {
    for (const kind of positionKind.enumValues) expect(kindCan(kind, "org.manage"), kind).toBe(kind === "admin");
    expect(kindCan("admin", "security.view")).toBe(true);
    // The administrator manages people, the exchange set-up, the working-day calendar, the signatures' trust
    // anchors, the agency's signing key and the signing delegations (for the head), not documents.
    const setUp = ["org.", "security.", "exchange.", "calendar.", "signatures.configure", "delegations."];
    expect(PERMISSIONS.admin.filter((v) => !setUp.some((p) => v.startsWith(p)))).toEqual([]);
  });

  it("gives the province administrator the agencies and nothing else; nobody else manages agencies", () => {
    expect(PERMISSIONS.province_admin).toEqual(["agencies.manage"]);
    expect(positionKind.enumValues.filter((k) => kindCan(k, "agencies.manage"))).toEqual(["province_admin"]);
  });

  it("gives the exchange set-up to the administrator, its monitor to the administrator and the clerk", () => {
    const holders = (verb: Verb) => positionKind.enumValues.filter((k) => kindCan(k, verb));
    expect(holders("exchange.configure")).toEqual(["admin"]);
    expect(holders("exchange.monitor")).toEqual(["admin", "clerk"]);
    expect(holders("calendar.manage")).toEqual(["admin"]);
    expect(holders("signatures.configure")).toEqual(["admin"]);
  });

  it("separates duties: the clerk issues, the leader signs, nobody but the clerk registers", () => {
    const holders = (verb: Verb) => positionKind.enumValues.filter((k) => kindCan(k, verb));
    expect(holders("outgoing.sign")).toEqual(["leader"]);
    // Ủy quyền ký: a leader records their own; the administrator records them for the head.
    expect(holders("delegations.manage")).toEqual(["admin", "leader"]);
    expect(holders("outgoing.issue")).toEqual(["clerk"]);
    expect(holders("incoming.register")).toEqual(["clerk"]);
    expect(holders("outgoing.check")).toEqual(["office_chief", "checker"]);
  });
});

describe("can() fails closed", () => {
  it("grants nothing to a person without positions", () => {
    for (const verb of VERBS) expect(can({ positions: [] }, verb)).toBe(false);
  });

  it("grants nothing to an unknown position kind, including names inherited from Object", () => {
    for (const kind of ["", "superuser", "ADMIN", "toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"]) {
      for (const verb of VERBS) {
        expect(kindCan(kind as PositionKind, verb), `${kind} ${verb}`).toBe(false);
        expect(can({ positions: [at(kind)] }, verb), `${kind} ${verb}`).toBe(false);
      }
    }
  });

  it("grants nothing for an unknown verb", () => {
    for (const kind of positionKind.enumValues) {
      expect(kindCan(kind, "org.destroy" as Verb)).toBe(false);
      expect(kindCan(kind, "" as Verb)).toBe(false);
    }
  });

  it("grants a verb when any one position grants it", () => {
    expect(can({ positions: [at("staff"), at("admin")] }, "org.manage")).toBe(true);
    expect(can({ positions: [at("staff"), at("clerk")] }, "org.manage")).toBe(false);
  });
});

describe("unitsWhere()", () => {
  it("lists the units of the positions granting the verb, once each", () => {
    const user = { positions: [at("unit_head", "a"), at("staff", "b"), at("unit_deputy", "a"), at("clerk", "c")] };
    expect(unitsWhere(user, "incoming.assignUnit")).toEqual(["a"]);
    expect(unitsWhere(user, "incoming.process").sort()).toEqual(["a", "b"]);
    expect(unitsWhere(user, "org.manage")).toEqual([]);
    expect(unitsWhere({ positions: [at("toString", "x")] }, "files.keep")).toEqual([]);
  });
});
