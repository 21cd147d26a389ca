import type { ConfigProblem } from "@kaidian/templates";

/**
 * A saved config version that does not pass its template's schema. Shoppers never caused it, so callers answer
 * with a generic failure and log `problems`, which name exactly where the config is wrong.
 */
export class InvalidConfigError extends Error {
  override name = "InvalidConfigError";
  constructor(
    readonly tenantId: string,
    readonly configVersion: number,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `Config version ${configVersion} of store ${tenantId} is invalid: ` +
        problems.map((problem) => `${problem.path}: ${problem.message}`).join("; "),
    );
  }
}

export class ConfigVersionNotFoundError extends Error {
  override name = "ConfigVersionNotFoundError";
  constructor(
    readonly tenantId: string,
    readonly configVersion: number,
  ) {
    super(`Store ${tenantId} has no config version ${configVersion}`);
  }
}
