import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { agencies, storedFiles, type StoredFile } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";

// The agency's emblem is shown in every signed-in person's header: each person of the agency may
// read that one file (and nothing else through it), whoever uploaded it. Only a PNG or JPEG is
// ever served as the emblem (the action refuses other types; this checks again).
const EMBLEM_MIMES = ["image/png", "image/jpeg"];

/** The stored file that is the actor's agency's emblem, or null for the default emblem. */
export async function agencyEmblemFile(db: Db | Tx, actor: Actor): Promise<StoredFile | null> {
  const [row] = await db
    .select({ file: storedFiles })
    .from(agencies)
    .innerJoin(storedFiles, and(eq(storedFiles.id, agencies.emblemFileId), eq(storedFiles.agencyId, agencies.id)))
    .where(eq(agencies.id, actor.agencyId));
  return row && EMBLEM_MIMES.includes(row.file.mime) ? row.file : null;
}
