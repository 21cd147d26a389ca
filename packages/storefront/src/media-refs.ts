// Uploaded images are kept as site-relative refs (`/media/<store>/<hash>.<ext>`), which the dashboard loads from its
// own origin. A Mini Program has no origin and WeChat loads only https, so where data leaves for phones (the read
// API, the generator's snapshot) each ref is made absolute against the public https address, naming the variant a
// phone screen's full width needs (750 px), never a merchant's 4,000-px original.
import { isMediaRef, mediaVariantRef } from "@kaidian/catalog";

/** The widest any template shows an image: the full width of a phone at 2×. */
const PHONE_WIDTH = 750;

type Environment = Record<string, string | undefined>;

/**
 * Where phones load uploaded images from: MEDIA_PUBLIC_URL (a CDN in front of the dashboard's /media), else
 * PUBLIC_URL. Null when neither is https: refs then stay relative, which web previews still load and which no
 * phone could have loaded over http anyway.
 */
export function mediaPublicBase(env: Environment = process.env): string | null {
  const base = (env.MEDIA_PUBLIC_URL?.trim() || env.PUBLIC_URL?.trim() || "").replace(/\/+$/, "");
  return base.startsWith("https://") ? base : null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * `value` with every string that is exactly a media ref turned into its phone variant's address under `base`; the
 * same value when `base` is null.
 */
export function resolveMediaRefs<T>(value: T, base: string | null): T {
  if (base === null) return value;
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return isMediaRef(node) ? `${base}${mediaVariantRef(node, PHONE_WIDTH)}` : node;
    if (Array.isArray(node)) return node.map(walk);
    if (isPlainObject(node)) return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    return node;
  };
  return walk(value) as T;
}
