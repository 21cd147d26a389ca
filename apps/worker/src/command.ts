// How a worker process is started: `npm start`, the publishing benchmark and the worker's process test all use this;
// on a server, the README's command is the same.
//
// --max-semi-space-size=4 (MB): V8 lets the young generation grow to 2 × 16 MB, and a build's short-lived garbage
// (rendering, checking and zipping a store's files, ~20 MB a build) kept it full, so a worker carried ~30 MB of
// young garbage. At 4 MB a scavenge comes every 4 MB allocated; what a build keeps is small, so each is quick.
// Measured with `npm run bench:publish` (docs/architecture.md, "A worker's memory").
import path from "node:path";

export const WORKER_NODE_ARGS = ["--max-semi-space-size=4", "--import", "tsx", path.join(import.meta.dirname, "main.ts")];
