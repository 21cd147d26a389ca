// The full offline compile miniprogram-ci runs before an upload: missing page files, tabBar rules, components
// that cannot be found, JSON, WXML, JS and WXSS syntax, each reported with WeChat's error code. It stops at the
// first error, so a package yields at most one compile problem per run.
// Each compile runs in a child process (compile-worker.mjs explains why), one at a time per parent process.
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Problem } from "./problem";

export type CompileOptions = {
  appid: string;
  /** The child is killed and the call rejects after this long; a real tenant package takes seconds. */
  timeoutMs?: number;
};

/** What a real upload uses: ES6 to ES5 with Babel, and JS, WXML and WXSS minified. */
const UPLOAD_SETTING = { es6: true, minify: true };
const WORKER = path.join(import.meta.dirname, "compile-worker.mjs");

type WorkerReport = { ok: true } | { ok: false; code?: unknown; path?: unknown; message: string };

let queue: Promise<unknown> = Promise.resolve();

/**
 * Resolves to the package's compile problems (none when it compiles). Rejects when the compile could not run:
 * timeout, or the worker died without answering; those are not the package's fault and are worth a retry.
 */
export function compilePackage(packageDir: string, options: CompileOptions): Promise<Problem[]> {
  const run = queue.then(() => compileInChild(path.resolve(packageDir), options));
  queue = run.catch(() => undefined);
  return run;
}

function compileInChild(projectPath: string, { appid, timeoutMs = 120_000 }: CompileOptions): Promise<Problem[]> {
  return new Promise((resolve, reject) => {
    // Its own process group, so one kill also ends the compiler process the worker forks. No inherited
    // execArgv: the worker is plain JavaScript and needs none of the parent's loaders or flags.
    // miniprogram-ci leaves empty scratch directories in its working directory: give it one to throw away.
    const scratch = mkdtempSync(path.join(os.tmpdir(), "kaidian-compile-"));
    const child = fork(WORKER, [JSON.stringify({ projectPath, appid, setting: UPLOAD_SETTING })], {
      cwd: scratch,
      detached: true,
      execArgv: [],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup(child);
      rmSync(scratch, { recursive: true, force: true });
      finish();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`miniprogram-ci compile of ${projectPath} did not finish within ${timeoutMs} ms`))),
      timeoutMs,
    );
    child.on("message", (message) => {
      if (isReport(message)) settle(() => resolve(toProblems(message, projectPath)));
    });
    child.on("error", (error) => settle(() => reject(error)));
    // "close", not "exit": it comes only after the IPC channel is drained, so an answer sent just before exiting
    // is never taken for silence.
    child.on("close", (code, signal) =>
      settle(() => reject(new Error(`miniprogram-ci compile worker exited (${signal ?? code}) without an answer: ${stderr.trim()}`))),
    );
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // The group has already exited.
  }
}

function isReport(message: unknown): message is WorkerReport {
  if (typeof message !== "object" || message === null || !("ok" in message)) return false;
  return message.ok === true || ("message" in message && typeof message.message === "string");
}

function toProblems(report: WorkerReport, projectPath: string): Problem[] {
  if (report.ok) return [];
  // Messages name files by absolute path at times; the package-relative one is what the reader knows.
  const text = report.message.replaceAll(`${projectPath}/`, "");
  // JSON and WXML/WXSS errors carry the file in `path`; Babel's JS errors only in the text ("file: x.js").
  const file = typeof report.path === "string" ? report.path : (/^file: (\S+)/m.exec(text)?.[1] ?? ".");
  const rule = typeof report.code === "number" ? `compile.${report.code}` : "compile.error";
  return [{ file, rule, message: describe(file, text) }];
}

// The compiler repeats the file name ("app.json: app.json\n...", "file: a.js\n a.js: ..."): say it once, at the
// start, with the line and column when the compiler gave them.
function describe(file: string, text: string): string {
  const detail = withoutFileName(file, text.trim());
  if (detail.startsWith(`/${file}:`)) return detail.slice(1);
  const position = /^(\d+:\d+):\s*/.exec(detail);
  if (position) return `${file}:${position[1]}: ${detail.slice(position[0].length)}`;
  return `${file}: ${detail}`;
}

function withoutFileName(file: string, text: string): string {
  const prefix = [`${file}: `, `${file}\n`, `file: ${file}\n`].find((candidate) => text.startsWith(candidate));
  return prefix === undefined ? text : withoutFileName(file, text.slice(prefix.length).trim());
}
