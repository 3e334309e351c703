import type { z } from "zod";
import type { Db } from "@/db/client";
import type { ActionDefinition } from "@/lib/actions/define";

/** What a story step may ask for: the real actions, as the seed's people, and the story's dates. */
export interface DemoContext {
  /** Runs an action definition as a demo person (the seed's one call of executeAction). */
  act<S extends z.ZodType, T, R>(def: ActionDefinition<S, T, R>, username: string, input: z.input<S>): Promise<R>;
  /** Schedules a step `age` working days ago; steps run oldest first, in the order given within a day. */
  at(age: number, step: () => Promise<unknown>): void;
  /** The date (yyyy-mm-dd) `days` working days after (or before, when negative) the day `age` working days ago, as an input of a step run at `age`. */
  date(age: number, days: number, stepAge?: number): string;
  /** The virtual date of the day `age` working days ago (what the stored rows show). */
  day(age: number): string;
  user(username: string): string;
  unit(code: string): string;
  /** A small generated PDF stored through the storage layer, uploaded by `username`. */
  pdf(username: string, name: string, title: string, lines: string[], pages?: number): Promise<string>;
  /** The open part of a document held by a person or a unit. */
  part(documentId: string, holder: { user?: string; unit?: string }): Promise<string>;
  consultation(documentId: string, unitCode: string): Promise<string>;
  db: Db;
}
