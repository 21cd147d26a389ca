// Runs one miniprogram-ci task (ci-worker.mjs) in a child process of its own process group, with a deadline:
// miniprogram-ci's requests have no timeout, so a silent network would otherwise hold a build forever.
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

/** What a real upload uses, and so what the offline compile checks: ES6 to ES5 with Babel, everything minified. */
export const UPLOAD_SETTING = { es6: true, minify: true };

export type CiTask =
  | {
      task: "compile";
      projectPath: string;
      appid: string;
      /** Also write the compiled files here, as an upload would pack them (the runtime's precompile). */
      outDir?: string;
    }
  | {
      task: "upload";
      projectPath: string;
      appid: string;
      privateKey: string;
      proxy?: string;
      version: string;
      desc: string;
      robot: number;
      /** The package is already compiled (built on the precompiled runtime): send it as it is. */
      compiled?: boolean;
    }
  | {
      task: "preview";
      projectPath: string;
      appid: string;
      privateKey: string;
      proxy?: string;
      desc: string;
      robot: number;
      pagePath?: string;
      searchQuery?: string;
      /** Where WeChat's QR image is written. */
      qrcodeFile: string;
      compiled?: boolean;
    };

export type CiReport =
  | { ok: true; result: { subPackageInfo?: { name: string; size: number }[] } }
  | { ok: false; code?: unknown; path?: unknown; message: string };

export type CiRunOptions = {
  timeoutMs: number;
  /** Extra environment of the child, e.g. NODE_EXTRA_CA_CERTS for a TLS-inspecting proxy. */
  env?: NodeJS.ProcessEnv;
  /** miniprogram-ci's own log lines, as they come. */
  onLog?: (line: string) => void;
  /** Aborting kills the task (its worker lost the build's lease). */
  signal?: AbortSignal;
};

/** Raised when the task could not finish: its deadline passed, it was aborted, or its process died. */
export class CiTaskError extends Error {
  constructor(
    readonly reason: "timeout" | "aborted" | "crashed",
    message: string,
  ) {
    super(message);
  }
}

const WORKER = path.join(import.meta.dirname, "ci-worker.mjs");
/** Sends a compiled package with miniprogram-ci's client code only: no compiler loaded, no compile run. */
const SENDER = path.join(import.meta.dirname, "ci-send.mjs");

/**
 * What of this process's environment miniprogram-ci's process sees: enough to run, not the product's secrets (the
 * master key, the database URL) that a dependency tree this large has no business reading.
 */
const INHERITED_ENV = ["PATH", "HOME", "TMPDIR", "TMP", "TEMP", "LANG", "LC_ALL", "TZ", "NODE_EXTRA_CA_CERTS"];

function childEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of INHERITED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...extra };
}

export function runCiTask(task: CiTask, options: CiRunOptions): Promise<CiReport> {
  if (options.signal?.aborted) return Promise.reject(new CiTaskError("aborted", `miniprogram-ci ${task.task} was stopped`));
  return new Promise((resolve, reject) => {
    // miniprogram-ci leaves empty scratch directories in its working directory: give it one to throw away.
    const scratch = mkdtempSync(path.join(os.tmpdir(), "kaidian-ci-"));
    const sends = task.task !== "compile" && task.compiled;
    // No inherited execArgv: the worker is plain JavaScript and needs none of the parent's loaders or flags. The
    // sender lives beside a publishing worker, and both count against a worker's memory: its garbage (the package
    // read, packed and gzipped, a few MB) is scavenged at 1 MB rather than left to fill V8's default 16 MB young
    // generation. The compiler keeps the defaults (Babel over the whole runtime would scavenge without end).
    const child = fork(sends ? SENDER : WORKER, [], {
      cwd: scratch,
      detached: true,
      execArgv: sends ? ["--max-semi-space-size=1"] : [],
      env: childEnvironment(options.env),
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    if (child.stdout) {
      const lines = createInterface({ input: child.stdout });
      lines.on("line", (line) => options.onLog?.(line));
    }
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", abort);
      killGroup(child.pid);
      rmSync(scratch, { recursive: true, force: true });
      finish();
    };
    const timer = setTimeout(
      () => settle(() => reject(new CiTaskError("timeout", `miniprogram-ci ${task.task} did not finish within ${options.timeoutMs} ms`))),
      options.timeoutMs,
    );
    const abort = () => settle(() => reject(new CiTaskError("aborted", `miniprogram-ci ${task.task} was stopped`)));
    options.signal?.addEventListener("abort", abort, { once: true });
    child.on("message", (message) => {
      if (isReport(message)) settle(() => resolve(message));
    });
    child.on("error", (error) => settle(() => reject(new CiTaskError("crashed", error.message))));
    // "close", not "exit": it comes only after the IPC channel is drained, so an answer sent just before exiting
    // is never taken for silence.
    child.on("close", (code, signal) =>
      settle(() => reject(new CiTaskError("crashed", `miniprogram-ci ${task.task} exited (${signal ?? code}) without an answer: ${stderr.trim()}`))),
    );
    child.send({ ...task, setting: UPLOAD_SETTING });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // The group has already exited.
  }
}

function isReport(message: unknown): message is CiReport {
  if (typeof message !== "object" || message === null || !("ok" in message)) return false;
  return message.ok === true || ("message" in message && typeof message.message === "string");
}
