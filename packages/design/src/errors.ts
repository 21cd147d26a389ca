import type { ConfigProblem } from "@kaidian/templates";
import type { DraftState } from "./draft-state";

/**
 * A save or publish that started from a revision of the draft that is no longer current: someone else saved or
 * published in between. Nothing was written; `current` says who changed it and when, for the reload prompt.
 */
export class DraftConflictError extends Error {
  override name = "DraftConflictError";
  constructor(readonly current: DraftState | null) {
    super(
      current
        ? `The draft changed since you opened it (now version ${current.number}, revision ${current.revision}` +
            `${current.updatedBy ? `, saved by ${current.updatedBy.name}` : ""}); reload to see the latest`
        : "The draft was published since you opened it; reload to continue from the published version",
    );
  }
}

/** A config its template refuses: nothing was written; `problems` say where and why. */
export class InvalidDraftError extends Error {
  override name = "InvalidDraftError";
  constructor(readonly problems: ConfigProblem[]) {
    super(`The design has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  }
}

export class VersionNotFoundError extends Error {
  override name = "VersionNotFoundError";
  constructor(readonly number: number) {
    super(`The store has no version ${number}`);
  }
}
