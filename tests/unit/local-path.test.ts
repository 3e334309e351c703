import { describe, expect, it } from "vitest";
import { authRedirect, loginHref, safeLocalPath } from "@/lib/http/local-path";
import { backLink, withFrom } from "@/lib/nav";
import type { HasPositions } from "@/lib/auth/permissions";

// Issue 11 item 6: after sign-in (callbackUrl) and on back links (from), only a path of this site.

describe("safeLocalPath", () => {
  it("keeps a same-origin path with its query and hash", () => {
    expect(safeLocalPath("/incoming/5b0c0c52-7d0e-4a8e-9d3f-0c9f7a1e2b3c?xem=1#xem-van-ban")).toBe(
      "/incoming/5b0c0c52-7d0e-4a8e-9d3f-0c9f7a1e2b3c?xem=1#xem-van-ban",
    );
    expect(safeLocalPath("/my-work")).toBe("/my-work");
    expect(safeLocalPath("/")).toBe("/");
    expect(safeLocalPath("/incoming?q=k%E1%BA%BF%20ho%E1%BA%A1ch")).toBe("/incoming?q=k%E1%BA%BF%20ho%E1%BA%A1ch");
  });

  it.each([
    ["//evil.example/x"],
    ["/\\evil.example"],
    ["/\\/evil.example"],
    ["\\\\evil.example"],
    ["/a\\..\\..\\evil"],
    ["https://evil.example/"],
    ["http://127.0.0.1/x"],
    ["javascript:alert(1)"],
    ["evil.example"],
    ["incoming"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    [" /incoming"],
    ["/%0a/evil"],
    [""],
    ["/" + "a".repeat(1000)],
  ])("refuses %j (home instead)", (raw) => {
    const out = safeLocalPath(raw);
    // "/%0a/evil" is a harmless local path (the escape stays escaped); everything else goes home.
    if (raw === "/%0a/evil") expect(out).toBe("/%0a/evil");
    else expect(out).toBe("/");
  });

  it("refuses what is not a string, and normalises dot segments inside the site", () => {
    expect(safeLocalPath(undefined)).toBe("/");
    expect(safeLocalPath(["/x"])).toBe("/");
    expect(safeLocalPath(42, "/fallback")).toBe("/fallback");
    expect(safeLocalPath("/a/../../b")).toBe("/b");
    expect(safeLocalPath("/./%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it("builds the sign-in address and Auth.js's redirect from it", () => {
    expect(loginHref("/incoming?mine=1")).toBe("/login?callbackUrl=%2Fincoming%3Fmine%3D1");
    expect(loginHref("/")).toBe("/login");
    expect(loginHref("//evil.example")).toBe("/login");
    expect(loginHref("/login?callbackUrl=%2Fx")).toBe("/login");
    expect(loginHref(null)).toBe("/login");
    const base = "http://127.0.0.1:3000";
    expect(authRedirect(`${base}/files/archive`, base)).toBe(`${base}/files/archive`);
    expect(authRedirect("/my-work", base)).toBe(`${base}/my-work`);
    expect(authRedirect("https://evil.example/", base)).toBe(`${base}/`);
    expect(authRedirect(`${base}.evil.example/`, base)).toBe(`${base}/`);
    expect(authRedirect(`${base}//evil.example`, base)).toBe(`${base}/`);
  });
});

describe("backLink", () => {
  const as = (...kinds: string[]): HasPositions => ({ positions: kinds.map((kind) => ({ kind, unitId: "u" })) as HasPositions["positions"] });
  const doc = ["/incoming", "/my-work", "/files"];
  const id = "5b0c0c52-7d0e-4a8e-9d3f-0c9f7a1e2b3c";

  it("goes to the first list the person may open", () => {
    expect(backLink(as("clerk"), doc)).toEqual({ href: "/incoming", label: "Văn bản đến" });
    expect(backLink(as("staff"), doc)).toEqual({ href: "/incoming", label: "Văn bản đến" });
    expect(backLink(as("checker"), doc)).toEqual({ href: "/", label: "Tổng quan" });
    expect(backLink(as("archivist"), doc)).toEqual({ href: "/files", label: "Hồ sơ công việc" });
    expect(backLink(as("admin"), doc)).toEqual({ href: "/", label: "Tổng quan" });
  });

  it("or where the person came from, when it is a page of this site they may open", () => {
    expect(backLink(as("unit_head"), doc, "/my-work")).toEqual({ href: "/my-work", label: "Việc của tôi" });
    expect(backLink(as("archivist"), doc, `/files/${id}`)).toEqual({ href: `/files/${id}`, label: "Hồ sơ" });
    expect(backLink(as("staff"), doc, `/outgoing/${id}`)).toEqual({ href: `/outgoing/${id}`, label: "Văn bản đi" });
    // A list the person cannot open, another origin, or an unknown page: the default.
    expect(backLink(as("checker"), doc, "/incoming")).toEqual({ href: "/", label: "Tổng quan" });
    expect(backLink(as("staff"), doc, "//evil.example/my-work")).toEqual({ href: "/incoming", label: "Văn bản đến" });
    expect(backLink(as("staff"), doc, "/admin/users")).toEqual({ href: "/incoming", label: "Văn bản đến" });
    expect(backLink(as("staff"), doc, "https://evil.example/")).toEqual({ href: "/incoming", label: "Văn bản đến" });
  });

  it("links carry their origin", () => {
    expect(withFrom(`/incoming/${id}`, "/my-work")).toBe(`/incoming/${id}?from=%2Fmy-work`);
    expect(withFrom("/x?a=1", `/files/${id}`)).toBe(`/x?a=1&from=%2Ffiles%2F${id}`);
  });
});
