// Which storage holds the media, from the environment. Checked once, with a message naming every missing or wrong
// setting; values are never repeated in it (one of them is a secret).
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { LocalDirectoryStorage } from "./storage/local";
import { S3Storage } from "./storage/s3";
import type { MediaStorage } from "./storage/storage";

const REQUIRED = "is required when MEDIA_STORAGE=s3";
const setting = z.string({ error: REQUIRED }).trim().min(1, REQUIRED);
const optional = z.string().trim().optional().transform((value) => value || undefined);

const settingsSchema = z.discriminatedUnion("MEDIA_STORAGE", [
  z.object({
    MEDIA_STORAGE: z.literal("local"),
    KAIDIAN_MEDIA_DIR: optional,
    KAIDIAN_DATA_DIR: optional,
  }),
  z.object({
    MEDIA_STORAGE: z.literal("s3"),
    MEDIA_S3_ENDPOINT: optional.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s):// address" }).optional()),
    MEDIA_S3_BUCKET: setting,
    MEDIA_S3_REGION: optional.transform((value) => value ?? "us-east-1"),
    MEDIA_S3_ACCESS_KEY_ID: setting,
    MEDIA_S3_SECRET_ACCESS_KEY: setting,
  }),
]);

export type MediaSettings = z.infer<typeof settingsSchema>;

type Environment = Record<string, string | undefined>;

/** The media settings in `env`; an Error listing each problem by variable name. */
export function mediaSettings(env: Environment): MediaSettings {
  const result = settingsSchema.safeParse({ ...env, MEDIA_STORAGE: env.MEDIA_STORAGE?.trim() || "local" });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    issue.path[0] === "MEDIA_STORAGE" ? `MEDIA_STORAGE must be "local" or "s3"` : `${String(issue.path[0])} ${issue.message}`,
  );
  throw new Error(`Media storage settings: ${problems.join("; ")}`);
}

/** The repository's root (where turbo.json is), looked for upwards from `from`; `from` itself when there is none. */
function repositoryRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "turbo.json"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from);
  }
}

/** The storage the settings name. The local directory is KAIDIAN_MEDIA_DIR, else `media` in the data directory. */
export function storageFromSettings(settings: MediaSettings, cwd = process.cwd()): MediaStorage {
  if (settings.MEDIA_STORAGE === "s3") {
    return new S3Storage({
      endpoint: settings.MEDIA_S3_ENDPOINT,
      bucket: settings.MEDIA_S3_BUCKET,
      region: settings.MEDIA_S3_REGION,
      accessKeyId: settings.MEDIA_S3_ACCESS_KEY_ID,
      secretAccessKey: settings.MEDIA_S3_SECRET_ACCESS_KEY,
    });
  }
  const root = repositoryRoot(cwd);
  const directory = settings.KAIDIAN_MEDIA_DIR ?? path.join(settings.KAIDIAN_DATA_DIR ?? ".data", "media");
  return new LocalDirectoryStorage(path.resolve(root, directory));
}

// One storage per server process (an S3 client keeps its connections); on globalThis so `next dev` reloads reuse it.
const holder = globalThis as typeof globalThis & { kaidianMediaStorage?: MediaStorage };

/** The process's media storage, from process.env on first use. */
export function mediaStorage(): MediaStorage {
  holder.kaidianMediaStorage ??= storageFromSettings(mediaSettings(process.env));
  return holder.kaidianMediaStorage;
}
