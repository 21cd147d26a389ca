/** The version of the store config shape written today. Older saved configs are migrated up to it on read. */
export const CONFIG_SCHEMA_VERSION = 2;
