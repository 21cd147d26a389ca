// The catalog as merchants edit it: database-backed operations, server-only.
