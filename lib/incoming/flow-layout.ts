import "server-only";
import ELK, { type ElkNode } from "elkjs/lib/elk.bundled.js";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { keptForRequest } from "@/lib/cache/data-version";
import { positions, units, userPositions, users } from "@/db/schema";
import { buildFlow, type FlowEdge, type FlowNode, type TrailEvent } from "./flow";

// The processing diagram laid out by ELK's layered algorithm (elkjs), on the server: top to bottom,
// one lane per unit (ELK partitions keep each unit's boxes in its own band of layers), edge labels
// placed by the layout itself so no two texts meet. Text sizes are estimated from the characters
// (0.62 em each, more than the font's widest Vietnamese letters on average) so the boxes hold them.

export const FONT = { node: 13, small: 12 } as const;
const CHAR_EM = 0.62;
const NODE_W = 180;
const PAD = 8;
const LINE = 16;
export const LANE_W = 160;
const LANE_PAD = 12;

export interface LaidNode { id: string; x: number; y: number; w: number; h: number; lines: string[]; role: string }
export interface LaidEdge { d: string; dashed: boolean; label: { x: number; y: number; w: number; h: number; text: string } | null }
export interface LaidLane { name: string; lines: string[]; y: number; h: number }
export interface FlowLayout { width: number; height: number; lanes: LaidLane[]; nodes: LaidNode[]; edges: LaidEdge[] }

const textWidth = (s: string, px: number) => Math.ceil(s.length * px * CHAR_EM);

/** Words wrapped into lines no wider than `width` at `px`. */
export function wrap(text: string, width: number, px: number): string[] {
  const max = Math.max(4, Math.floor(width / (px * CHAR_EM)));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= max) line = next;
    else {
      if (line) lines.push(line);
      line = word.length > max ? `${word.slice(0, max - 1)}…` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// One engine for the process. Its first layout compiles the engine's code paths (about ten times
// slower than the next ones), so it is run once, on nothing, as soon as this module is loaded.
const elk = new ELK();
void layoutFlow(
  [{ kind: "submitted", actorName: "a", toText: "b", electronic: true }, { kind: "assigned", actorName: "b", toText: "c (Xử lý chính)", electronic: true }],
  (label) => label,
).catch(() => undefined);

// Layouts kept by what they are made of (the boxes, the arrows and each box's lane): one layout cost ELK 6 ms of
// CPU, more than the rest of a document's page, and a document's trail is read far more often than it grows.
const LAYOUTS_KEPT = 1000;
const layouts = new Map<string, Promise<FlowLayout>>();

/**
 * Lays the trail out; `laneOf` names the unit of a box (a unit itself, or a person's unit). The same boxes,
 * arrows and lanes give the same layout, kept for the next request (the least recently used of
 * LAYOUTS_KEPT goes first); a layout that failed is not kept. The layout returned is shared: read it only.
 */
export async function layoutFlow(trail: TrailEvent[], laneOf: (label: string) => string): Promise<FlowLayout | null> {
  const { nodes, edges } = buildFlow(trail);
  if (!nodes.length) return null;
  const key = JSON.stringify([nodes, edges, nodes.map((n) => laneOf(n.label))]);
  const kept = layouts.get(key);
  if (kept) {
    layouts.delete(key);
    layouts.set(key, kept);
    return kept;
  }
  const made = laidOut(nodes, edges, laneOf);
  layouts.set(key, made);
  made.catch(() => {
    if (layouts.get(key) === made) layouts.delete(key);
  });
  while (layouts.size > LAYOUTS_KEPT) layouts.delete(layouts.keys().next().value!);
  return made;
}

async function laidOut(nodes: FlowNode[], edges: FlowEdge[], laneOf: (label: string) => string): Promise<FlowLayout> {
  const laneNames: string[] = [];
  const laneIndex = (label: string) => {
    const lane = laneOf(label);
    if (!laneNames.includes(lane)) laneNames.push(lane);
    return laneNames.indexOf(lane);
  };
  const boxes = new Map(
    nodes.map((n) => {
      const lines = wrap(n.label, NODE_W - 2 * PAD, FONT.node);
      const role = n.roles.join(", ");
      return [n.id, { lines, role, lane: laneIndex(n.label), h: PAD * 2 + LINE * (lines.length + (role ? 1 : 0)) }];
    }),
  );
  const graph: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.partitioning.activate": "true",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.layered.cycleBreaking.strategy": "MODEL_ORDER",
      "elk.layered.spacing.nodeNodeBetweenLayers": "36",
      "elk.spacing.nodeNode": "28",
      "elk.spacing.edgeLabel": "6",
      "elk.spacing.edgeEdge": "14",
      "elk.layered.spacing.edgeNodeBetweenLayers": "14",
      "elk.edgeLabels.placement": "CENTER",
    },
    children: nodes.map((n) => {
      const b = boxes.get(n.id)!;
      return { id: n.id, width: NODE_W, height: b.h, layoutOptions: { "elk.partitioning.partition": String(b.lane) } };
    }),
    edges: edges.map((e, i) => ({
      id: `e${i}`, sources: [e.from], targets: [e.to], labels: [{ text: e.label, width: textWidth(e.label, FONT.small) + 2 * 4, height: LINE + 2 }],
    })),
  };
  // ELK's partitions fail (a TypeError inside elkjs) on some trails whose edges go back to an
  // earlier lane (clerk → leader → back to a person of the clerk's unit); the document page must
  // not answer 500 for that (issue 11 item 6: no dead ends): lay it out again without partitions.
  const laid = await elk.layout(graph).catch(() =>
    elk.layout({ ...graph, layoutOptions: { ...graph.layoutOptions, "elk.partitioning.activate": "false" } }),
  );
  const dx = LANE_W + 8;
  const laidNodes: LaidNode[] = (laid.children ?? []).map((c) => {
    const b = boxes.get(c.id)!;
    return { id: c.id, x: dx + c.x!, y: c.y!, w: c.width!, h: c.height!, lines: b.lines, role: b.role };
  });
  const laidEdges: LaidEdge[] = (laid.edges ?? []).map((e, i) => {
    const s = e.sections?.[0];
    const pts = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : [];
    const l = e.labels?.[0];
    return {
      d: pts.map((p, j) => `${j ? "L" : "M"} ${dx + p.x} ${p.y}`).join(" "),
      dashed: edges[i].dashed,
      label: l ? { x: dx + l.x!, y: l.y!, w: l.width!, h: l.height!, text: edges[i].label } : null,
    };
  });
  const lanes: LaidLane[] = laneNames.map((name, i) => {
    const inLane = laidNodes.filter((n) => boxes.get(n.id)!.lane === i);
    const top = Math.min(...inLane.map((n) => n.y)) - LANE_PAD;
    const bottom = Math.max(...inLane.map((n) => n.y + n.h)) + LANE_PAD;
    return { name, lines: wrap(name, LANE_W - 2 * PAD, FONT.small), y: top, h: bottom - top };
  });
  const width = dx + laid.width!;
  const height = Math.max(laid.height!, ...lanes.map((l) => l.y + l.h)) + 4;
  return { width, height, lanes, nodes: laidNodes, edges: laidEdges };
}

// The units and people named on a trail, by statements made once per database handle (db/named.ts).
const unitsNamed = oncePerHandle((db: Db) =>
  db.select({ name: units.name }).from(units).where(and(eq(units.agencyId, sql.placeholder("agency")), sql`${units.name} = any(${sql.placeholder("names")}::text[])`)).prepare("flow_units_named"),
);
const peopleNamed = oncePerHandle((db: Db) =>
  db
    .select({ name: users.fullName, unit: units.name })
    .from(users)
    .innerJoin(userPositions, eq(userPositions.userId, users.id))
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .innerJoin(units, eq(units.id, positions.unitId))
    .where(and(eq(users.agencyId, sql.placeholder("agency")), sql`${users.fullName} = any(${sql.placeholder("names")}::text[])`))
    .orderBy(asc(units.sortOrder), asc(positions.id))
    .prepare("flow_people_named"),
);

/**
 * The diagram of one document's trail: each box in the lane of its unit (a unit's own box, a
 * person's first position), people and units looked up in the agency by the names on the trail.
 */
export async function incomingFlow(agencyId: string, trail: TrailEvent[], db?: Db): Promise<FlowLayout | null> {
  const database = db ?? (await getDb());
  const names = [...new Set(trail.flatMap((e) => [e.fromLabel ?? e.actorName, ...e.toText.split(";").map((s) => s.replace(/\s*\([^)]*\)\s*$/, "").trim())]))].filter(Boolean);
  if (!names.length) return layoutFlow(trail, () => "");
  const read = () => Promise.all([unitsNamed(database).execute({ agency: agencyId, names }), peopleNamed(database).execute({ agency: agencyId, names })]);
  // The page's read kept under the agency's data version (the same names on the next view of the same trail).
  const [unitRows, people] = db ? await read() : await keptForRequest(database, agencyId, JSON.stringify(["flow", agencyId, names]), read);
  const unitNames = new Set(unitRows.map((u) => u.name));
  const personUnit = new Map<string, string>();
  for (const p of people) if (!personUnit.has(p.name)) personUnit.set(p.name, p.unit);
  return layoutFlow(trail, (label) => (unitNames.has(label) ? label : personUnit.get(label) ?? "Khác"));
}
