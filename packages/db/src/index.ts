export { Database, APP_ROLE, type Scope, type Transaction } from "./database";
export { sql, sqlState, type Sql, type SqlTransaction } from "./sql";
export { Prisma } from "./generated/prisma/client";
export * from "./generated/prisma/enums";
export { type RevisedRecord, type SavedState, type SaveFrom, type Saver, staleRevision, StaleRevisionError } from "./revision";
