import { redactUrl } from "../connection";
import { runningEmbeddedUrl, startEmbeddedPostgres } from "./embedded";

export type DatabaseServer = {
  url: string;
  embedded: boolean;
  /** True when another running Kaidian serves it: that one has already migrated and seeded it. */
  shared: boolean;
  describe: string;
  stop(): Promise<void>;
};

export const DEFAULT_EMBEDDED_PORT = 54329;

/**
 * The database the product runs on: DATABASE_URL when it is set, otherwise the embedded PostgreSQL kept in
 * `dataDir`.
 */
export async function openDatabaseServer(options: {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  log?: (line: string) => void;
  /** Use the embedded server a running Kaidian already serves from `dataDir` rather than refusing. */
  reuseRunning?: boolean;
}): Promise<DatabaseServer> {
  const external = options.env.DATABASE_URL?.trim();
  if (external) {
    return { url: external, embedded: false, shared: false, describe: redactUrl(external), stop: async () => {} };
  }
  const port = Number(options.env.EMBEDDED_POSTGRES_PORT ?? DEFAULT_EMBEDDED_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`EMBEDDED_POSTGRES_PORT must be a port number from 1 to 65535 (got "${options.env.EMBEDDED_POSTGRES_PORT}")`);
  }
  const running = options.reuseRunning ? await runningEmbeddedUrl(options.dataDir) : null;
  if (running) {
    return { url: running, embedded: true, shared: true, describe: `the running embedded PostgreSQL (${redactUrl(running)})`, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({ dataDir: options.dataDir, port, log: options.log });
  return {
    url: server.url,
    embedded: true,
    shared: false,
    describe: `embedded PostgreSQL in ${options.dataDir} (${redactUrl(server.url)})`,
    stop: server.stop,
  };
}
