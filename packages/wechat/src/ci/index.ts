// miniprogram-ci in child processes: the offline compile, uploads and previews, and what their failures mean.
export { runCiTask, CiTaskError, UPLOAD_SETTING, type CiTask, type CiReport, type CiRunOptions } from "./run-task";
export { handOverToWechat, type HandOverRequest, type HandOverResult } from "./hand-over";
export { describeCiFailure, describeCiTaskError, type CiFailure, type CiFailureCode } from "../failures";
export { wechatConnection, type WechatConnection } from "../connection";
