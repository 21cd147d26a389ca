// The worker's fleet loop: every `pollMs`, one step of each running fleet release (advanceFleetReleases). Only when
// this deployment is a third-party platform. A step that fails is logged and tried again on the next turn; the
// fleet's state is all in the database, so stopping between steps loses nothing.
import { advanceFleetReleases } from "../fleet-releases";
import type { ReleaseParts } from "../platform-releases";

export type FleetLoop = { stop(): Promise<void> };

export function startFleetReleases(options: ReleaseParts & { pollMs: number; log(line: string): void }): FleetLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const turn = () => {
    running = advanceFleetReleases(options)
      .catch((error: unknown) => options.log(`fleet releases: ${(error as Error).message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(turn, options.pollMs);
      });
  };
  turn();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
