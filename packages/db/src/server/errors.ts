/** Another process holds the embedded PostgreSQL data directory. */
export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

/** A committed migration failed to apply; nothing after it ran. */
export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(
    readonly migration: string | undefined,
    readonly detail: string,
  ) {
    super(
      migration
        ? `Migration ${migration} failed:\n${detail}`
        : `Migrations could not be applied:\n${detail}`,
    );
  }
}
