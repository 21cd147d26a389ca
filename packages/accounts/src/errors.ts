/**
 * A refusal the user can act on. `code` is a message key the dashboard translates; `field` names the form
 * field it belongs to, when there is one.
 */
export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: string,
    readonly field?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(field ? `${code} (${field})` : code);
  }
}

/** The thing asked for does not exist for this user: said the same way whether it is missing or forbidden. */
export class NotFoundError extends DomainError {
  override name = "NotFoundError";
  constructor(code: string) {
    super(code);
  }
}
