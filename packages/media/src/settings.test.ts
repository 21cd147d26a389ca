import path from "node:path";
import { describe, expect, it } from "vitest";
import { mediaSettings, storageFromSettings } from "./settings";
import { LocalDirectoryStorage } from "./storage/local";
import { S3Storage } from "./storage/s3";

const root = path.resolve(import.meta.dirname, "../../..");
const s3 = {
  MEDIA_STORAGE: "s3", MEDIA_S3_ENDPOINT: "http://minio:9000", MEDIA_S3_BUCKET: "media",
  MEDIA_S3_ACCESS_KEY_ID: "kaidian", MEDIA_S3_SECRET_ACCESS_KEY: "very-secret-key",
};

describe("media storage settings", () => {
  it("defaults to the media folder of the data directory, under the repository root wherever the process runs", () => {
    const storage = storageFromSettings(mediaSettings({}), path.join(root, "apps/builder"));
    expect(storage).toBeInstanceOf(LocalDirectoryStorage);
    expect((storage as LocalDirectoryStorage).directory).toBe(path.join(root, ".data/media"));
    const e2e = storageFromSettings(mediaSettings({ KAIDIAN_DATA_DIR: ".data/e2e" }), root) as LocalDirectoryStorage;
    expect(e2e.directory).toBe(path.join(root, ".data/e2e/media"));
    const chosen = storageFromSettings(mediaSettings({ MEDIA_STORAGE: "local", KAIDIAN_MEDIA_DIR: "/srv/media" }), root);
    expect((chosen as LocalDirectoryStorage).directory).toBe("/srv/media");
  });

  it("builds S3 storage from complete settings, with a default region", () => {
    const settings = mediaSettings(s3);
    expect(settings).toMatchObject({ MEDIA_STORAGE: "s3", MEDIA_S3_REGION: "us-east-1", MEDIA_S3_BUCKET: "media" });
    const storage = storageFromSettings(settings);
    expect(storage).toBeInstanceOf(S3Storage);
    (storage as S3Storage).destroy();
  });

  it("names every missing or wrong setting, and never repeats a value", () => {
    const attempt = () => mediaSettings({ ...s3, MEDIA_S3_BUCKET: "", MEDIA_S3_ACCESS_KEY_ID: undefined, MEDIA_S3_ENDPOINT: "minio:9000" });
    expect(attempt).toThrow(/MEDIA_S3_BUCKET is required when MEDIA_STORAGE=s3/);
    expect(attempt).toThrow(/MEDIA_S3_ACCESS_KEY_ID is required when MEDIA_STORAGE=s3/);
    expect(attempt).toThrow(/MEDIA_S3_ENDPOINT must be an http\(s\):\/\/ address/);
    expect(() => mediaSettings({ ...s3, MEDIA_S3_SECRET_ACCESS_KEY: "" })).toThrow(/MEDIA_S3_SECRET_ACCESS_KEY is required/);
    expect(() => mediaSettings({ MEDIA_STORAGE: "ftp" })).toThrow('MEDIA_STORAGE must be "local" or "s3"');
    try {
      mediaSettings({ ...s3, MEDIA_S3_BUCKET: "" });
    } catch (error) {
      expect(String(error)).not.toContain("very-secret-key");
    }
  });
});
