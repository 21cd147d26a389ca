// The publishing worker's side: the queue, the build pipeline and the worker loop. Needs Node, the generator and
// miniprogram-ci; the dashboard imports "@kaidian/publishing" only.
export { startWorker, type Worker, type WorkerOptions } from "./worker";
export { runBuild, artifactKey, type PipelineContext } from "./pipeline";
export { claimBuild, finishBuild, reclaimExpired, renewLease, type ClaimedBuild, type Outcome } from "./queue";
export { redact } from "./build-record";
export { startFleetReleases, type FleetLoop } from "./fleet-loop";
export { ensurePlatformTemplate, type PlatformTemplateOutcome, type PlatformTemplateParts } from "./platform-template";
