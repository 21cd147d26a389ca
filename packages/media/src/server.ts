// The server side of media: checking uploads, storing bytes, the asset records. Node only.
export * from "./index";
export { MediaRefusedError } from "./errors";
export { inspectImage, sniffFormat, type InspectedImage } from "./inspect";
export { mediaStorageKey, type MediaFileName } from "./refs";
export { reencodeImage, imageVariant, variantWidths, type EncodedImage } from "./reencode";
export { readUpload, MEDIA_MAX_REQUEST_BYTES, type UploadedFile } from "./upload-request";
export { uploadMedia, listMedia, findMedia, MEDIA_LIST_LIMIT, type MediaAsset, type UploadInput } from "./assets";
export type { MediaStorage, StoredObject } from "./storage/storage";
export { LocalDirectoryStorage } from "./storage/local";
export { S3Storage, type S3StorageOptions } from "./storage/s3";
export { mediaSettings, storageFromSettings, mediaStorage, type MediaSettings } from "./settings";
