// The shapes WeChat imposes on what a merchant or publisher types: the Mini Program's appid, the CI robot a
// development version appears under, the version and description of an upload, a preview's start page.
import { z } from "zod";

/** `wx` and 16 lower-case hex digits, as the Mini Program admin shows it (开发管理 → 开发设置 → AppID). */
export const appidSchema = z
  .string()
  .trim()
  .transform((value) => value.toLowerCase())
  .pipe(z.string().regex(/^wx[0-9a-f]{16}$/, { error: "wechat.appid.invalid" }));

/** miniprogram-ci's robots 1 to 30: each keeps its own development version in the admin's version list. */
export const robotSchema = z.coerce
  .number({ error: "wechat.robot.invalid" })
  .int({ error: "wechat.robot.invalid" })
  .min(1, { error: "wechat.robot.invalid" })
  .max(30, { error: "wechat.robot.invalid" });

/** The version a development version is listed under (WeChat's user_version: at most 64 characters). */
export const releaseVersionSchema = z
  .string()
  .trim()
  .min(1, { error: "release.version.required" })
  .max(64, { error: "release.version.tooLong" })
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]*$/, { error: "release.version.invalid" });

/** The note beside it in the admin's version list. */
export const releaseDescriptionSchema = z
  .string()
  .trim()
  .min(1, { error: "release.description.required" })
  .max(200, { error: "release.description.tooLong" })
  .regex(/^[^\p{Cc}]*$/u, { error: "release.description.invalid" });

/** A preview's query string: `key=value` pairs joined by `&`, as the page receives them in onLoad. */
export const previewQuerySchema = z
  .string()
  .trim()
  .max(200, { error: "preview.query.tooLong" })
  .regex(/^([A-Za-z0-9_.-]+=[^&\s]*(&[A-Za-z0-9_.-]+=[^&\s]*)*)?$/, { error: "preview.query.invalid" });
