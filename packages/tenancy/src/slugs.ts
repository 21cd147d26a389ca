import { randomBytes } from "node:crypto";

const SLUG_MAX = 40;

/**
 * A URL-safe store slug: the ASCII letters and digits of the name (a Chinese name gives none) and a random
 * suffix. Row-level security hides other stores' slugs, so uniqueness is left to the database's unique index
 * and the store creator retries on a clash. Chinese names all share the "store-" prefix, so its 16.7 million
 * suffixes are one pool: clashes stay rare up to hundreds of thousands of such stores, and a retry absorbs them.
 */
export function newSlug(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX - 7)
    .replace(/-+$/, "");
  return `${ascii || "store"}-${randomBytes(3).toString("hex")}`;
}
