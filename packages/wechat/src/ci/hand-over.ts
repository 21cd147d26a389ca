// Handing a package to WeChat: a development-version upload, or a preview whose QR code opens it on a phone.
// The key is checked here first, so a bad key fails before any request leaves this machine.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { WechatConnection } from "../connection";
import { describeCiFailure, describeCiTaskError, type CiFailure } from "../failures";
import { checkUploadKey, UploadKeyError } from "../upload-key";
import { CiTaskError, runCiTask } from "./run-task";

export type HandOverRequest = {
  /** A package directory as the generator writes it. */
  projectPath: string;
  appid: string;
  privateKey: string;
  robot: number;
  /**
   * The package holds compiled files already (the generator's compiled form): it goes to WeChat as it is. Otherwise
   * miniprogram-ci compiles it first, as for a package from before the runtime was precompiled.
   */
  compiled?: boolean;
} & (
  | { purpose: "upload"; version: string; description: string }
  | { purpose: "preview"; description: string; pagePath?: string; query?: string }
);

export type HandOverResult =
  | {
      ok: true;
      /** Sizes WeChat measured, per package (`__APP__` the main one, `__FULL__` all together). */
      subPackageInfo: { name: string; size: number }[];
      /** A preview's QR image, as WeChat sent it. */
      qrImage?: Buffer;
    }
  | { ok: false; failure: CiFailure | { code: "wechat.keyUnusable"; transient: false; params: { problem: string } } };

export async function handOverToWechat(
  request: HandOverRequest,
  connection: WechatConnection,
  options: { onLog?: (line: string) => void; signal?: AbortSignal } = {},
): Promise<HandOverResult> {
  let privateKey: string;
  try {
    privateKey = checkUploadKey(request.privateKey).pem;
  } catch (error) {
    if (error instanceof UploadKeyError) return { ok: false, failure: { code: "wechat.keyUnusable", transient: false, params: { problem: error.code } } };
    throw error;
  }
  const scratch = await mkdtemp(path.join(os.tmpdir(), "kaidian-qr-"));
  const qrcodeFile = path.join(scratch, "qr");
  const common = {
    projectPath: request.projectPath,
    appid: request.appid,
    privateKey,
    proxy: connection.proxy,
    robot: request.robot,
    desc: request.description,
    compiled: request.compiled ?? false,
  };
  try {
    const report = await runCiTask(
      request.purpose === "upload"
        ? { task: "upload", ...common, version: request.version }
        : { task: "preview", ...common, pagePath: request.pagePath, searchQuery: request.query, qrcodeFile },
      { timeoutMs: connection.timeoutMs, env: connection.env, onLog: options.onLog, signal: options.signal },
    );
    if (!report.ok) return { ok: false, failure: describeCiFailure(report) };
    const subPackageInfo = report.result.subPackageInfo ?? [];
    if (request.purpose === "upload") return { ok: true, subPackageInfo };
    return { ok: true, subPackageInfo, qrImage: await readFile(qrcodeFile) };
  } catch (error) {
    if (error instanceof CiTaskError && error.reason !== "aborted") return { ok: false, failure: describeCiTaskError(error) };
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
