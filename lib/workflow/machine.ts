import { conflict } from "@/lib/errors";
import type { Verb } from "@/lib/auth/permissions";

// Workflow transitions as data (style.md rule 5): actions ask `assertTransition`, screens ask
// `availableTransitions`, so the buttons and the server can never disagree, and a repeated
// submit finds the state already moved and is refused.
export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
  verb: Verb;
  /** Button label (glossary.md). */
  label: string;
}

export interface Machine<S extends string, T extends string> {
  name: string;
  stateLabels: Record<S, string>;
  transitions: Record<T, Transition<S>>;
}

export function defineMachine<S extends string, T extends string>(m: Machine<S, T>): Machine<S, T> {
  return m;
}

export function canTransition<S extends string, T extends string>(m: Machine<S, T>, state: S, t: T): boolean {
  return m.transitions[t].from.includes(state);
}

/** Returns the target state, or throws a conflict naming the current state in Vietnamese. */
export function assertTransition<S extends string, T extends string>(m: Machine<S, T>, state: S, t: T): S {
  const tr = m.transitions[t];
  if (!tr.from.includes(state)) {
    throw conflict(`Không thể "${tr.label}" khi ${m.name} đang ở trạng thái "${m.stateLabels[state]}".`);
  }
  return tr.to;
}

export function availableTransitions<S extends string, T extends string>(
  m: Machine<S, T>,
  state: S,
  allowed: (verb: Verb) => boolean,
): T[] {
  return (Object.keys(m.transitions) as T[]).filter((t) => canTransition(m, state, t) && allowed(m.transitions[t].verb));
}
