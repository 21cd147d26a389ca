import { z } from "zod";

/**
 * Where an image lives: an https URL (uploaded media, served by the dashboard or object storage) or a file inside
 * the Mini Program package (`/assets/...`, the templates' sample pictures). Never http: WeChat refuses it.
 */
export const imageRefSchema = z
  .string()
  .max(500)
  .refine((value) => /^https:\/\/[^\s"'<>\\]+$/.test(value) || /^\/assets\/[a-z0-9/_.-]+\.(png|jpe?g|webp|gif|svg)$/.test(value), {
    error: "Must be an https:// image address or a packaged /assets/ picture",
  });

export type ImageRef = z.infer<typeof imageRefSchema>;

export function isPackagedAsset(ref: string): boolean {
  return ref.startsWith("/assets/");
}
