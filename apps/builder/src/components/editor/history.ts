// Undo and redo over whole configs. Typing in one field within a short pause is one step, so undo takes back a
// word, not a letter; any other change is a step of its own.

export const COALESCE_MS = 500;

export type History<State> = {
  past: State[];
  present: State;
  future: State[];
  /** The field the last step typed into, and when: the next keystroke there within COALESCE_MS joins that step. */
  last: { key: string; at: number } | null;
};

const MAX_STEPS = 100;

export function startHistory<State>(present: State): History<State> {
  return { past: [], present, future: [], last: null };
}

/** Records `next` as the present; `key` names the field being typed into (omit for one-off changes). */
export function record<State>(history: History<State>, next: State, key?: string, now = Date.now()): History<State> {
  if (next === history.present) return history;
  const joins = key !== undefined && history.last?.key === key && now - history.last.at < COALESCE_MS;
  const past = joins ? history.past : [...history.past, history.present].slice(-MAX_STEPS);
  return { past, present: next, future: [], last: key === undefined ? null : { key, at: now } };
}

export function undo<State>(history: History<State>): History<State> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], last: null };
}

export function redo<State>(history: History<State>): History<State> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, last: null };
}
