// The full offline compile miniprogram-ci runs before an upload: missing page files, tabBar rules, components
// that cannot be found, JSON, WXML, JS and WXSS syntax, each reported with WeChat's error code. It stops at the
// first error, so a package yields at most one compile problem per run.
// Each compile runs in a child process (@kaidian/wechat/ci), one at a time per parent process.
import path from "node:path";
import { runCiTask, type CiReport } from "@kaidian/wechat/ci";
import type { Problem } from "./problem";

export type CompileOptions = {
  appid: string;
  /** The child is killed and the call rejects after this long; a real tenant package takes seconds. */
  timeoutMs?: number;
  /** Aborting kills the compile (its build was stopped). */
  signal?: AbortSignal;
};

let queue: Promise<unknown> = Promise.resolve();

/**
 * Resolves to the package's compile problems (none when it compiles). Rejects when the compile could not run:
 * timeout, or the worker died without answering; those are not the package's fault and are worth a retry.
 */
export function compilePackage(packageDir: string, options: CompileOptions): Promise<Problem[]> {
  const projectPath = path.resolve(packageDir);
  const run = queue.then(async () => {
    const report = await runCiTask({ task: "compile", projectPath, appid: options.appid }, { timeoutMs: options.timeoutMs ?? 120_000, signal: options.signal });
    return toProblems(report, projectPath);
  });
  queue = run.catch(() => undefined);
  return run;
}

function toProblems(report: CiReport, projectPath: string): Problem[] {
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
