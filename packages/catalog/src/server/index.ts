// The catalog as merchants edit it: database-backed operations, server-only.
export * from "./room-nights";
export * from "./tables";
