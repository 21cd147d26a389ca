// What the publishing pages' live views receive: the domain's read models as JSON (dates as ISO strings), the same
// shape whether rendered by the server first or fetched again while a build runs.
import type { BatchView, BuildLogLine, BuildView } from "@kaidian/publishing";

export type Jsonified<T> = T extends Date
  ? string
  : T extends bigint
    ? string
    : T extends (infer U)[]
      ? Jsonified<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonified<T[K]> }
        : T;

export type BuildJson = Jsonified<BuildView>;
export type BuildDetailJson = Jsonified<BuildView & { logs: BuildLogLine[]; moreLogs: boolean }>;
export type BatchJson = Jsonified<BatchView>;

/** The server's value as the browser will see it after a fetch. */
export function jsonified<T>(value: T): Jsonified<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonified<T>;
}

export const isActive = (status: string) => status === "QUEUED" || status === "RUNNING";
