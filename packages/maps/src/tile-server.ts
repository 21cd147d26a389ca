// The map tile server the dashboard's location picker shows, from the environment:
// - MAP_TILE_URL: an https address with {z}, {x} and {y} (and optionally {s} for a subdomain of MAP_TILE_SUBDOMAINS).
//   Its tiles must be drawn in GCJ-02, as AutoNavi's and Tencent's are: the picked point is stored as read off the
//   tiles, and WeChat's map takes GCJ-02. Unset: no picker, the two coordinate boxes only.
// - MAP_TILE_ATTRIBUTION: the credit the tile provider's terms require, shown under the map.
// The merchant's browser fetches the tiles itself, so nothing of the store is sent to the tile server but where
// the map looks.
import { z } from "zod";

const settingsSchema = z.object({
  MAP_TILE_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(
      z
        .url({ protocol: /^https$/, error: "must be an https:// address" })
        .refine((url) => ["{z}", "{x}", "{y}"].every((part) => url.includes(part)), { error: "must contain {z}, {x} and {y}" })
        .optional(),
    ),
  MAP_TILE_SUBDOMAINS: z
    .string()
    .trim()
    .regex(/^[a-z0-9]*(,[a-z0-9]+)*$/i, { error: "must be subdomain names separated by commas" })
    .default(""),
  MAP_TILE_ATTRIBUTION: z.string().trim().max(200).default(""),
});

export type TileServer = { url: string; subdomains: string[]; attribution: string };

/** The configured tile server, or null when none is; an Error naming each wrong setting. */
export function tileServer(env: Record<string, string | undefined>): TileServer | null {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Map settings: ${parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`).join("; ")}`);
  }
  const { MAP_TILE_URL: url, MAP_TILE_SUBDOMAINS, MAP_TILE_ATTRIBUTION } = parsed.data;
  if (!url) return null;
  const subdomains = MAP_TILE_SUBDOMAINS ? MAP_TILE_SUBDOMAINS.split(",") : [];
  if (url.includes("{s}") && subdomains.length === 0) throw new Error("Map settings: MAP_TILE_URL uses {s}: set MAP_TILE_SUBDOMAINS (like 1,2,3,4)");
  return { url, subdomains, attribution: MAP_TILE_ATTRIBUTION };
}

/** One tile's address; tiles spread over the subdomains by position, so a tile always comes from the same one. */
export function tileAddress(server: TileServer, tile: { z: number; x: number; y: number }): string {
  const subdomain = server.subdomains.length ? server.subdomains[(tile.x + tile.y) % server.subdomains.length]! : "";
  return server.url.replace("{z}", String(tile.z)).replace("{x}", String(tile.x)).replace("{y}", String(tile.y)).replace("{s}", subdomain);
}
