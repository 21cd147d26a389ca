// Node-only helpers for the processes that own the database: the start command, the test harness, scripts.
export { startEmbeddedPostgres, type EmbeddedServer } from "./embedded";
export { applyMigrations } from "./migrate";
export { DatabaseInUseError, MigrationError } from "./errors";
export { openDatabaseServer, type DatabaseServer } from "./open";
export { freePort } from "./free-port";
