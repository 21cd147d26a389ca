// What the dashboard needs of WeChat: the shapes of appids, robots, versions and previews, and the upload key check.
export { appidSchema, robotSchema, releaseVersionSchema, releaseDescriptionSchema, previewQuerySchema } from "./schemas";
export { checkUploadKey, UploadKeyError, UPLOAD_KEY_MAX_BYTES, type CheckedUploadKey, type UploadKeyProblem } from "./upload-key";
export { WECHAT_PACKAGE_LIMITS, type SizeBudget } from "./limits";
