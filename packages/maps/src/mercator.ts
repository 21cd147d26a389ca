// Web Mercator, the projection every slippy-map tile server uses: a point's position in "world pixels" at a zoom
// (256 × 2^zoom pixels around the world) and back. The picker draws tiles and reads clicks with these; the datum
// (GCJ-02 here) is whatever the tiles are drawn in, untouched by the projection.

export const TILE_SIZE = 256;
/** Beyond this latitude Web Mercator runs to infinity; tile servers stop here. */
export const MAX_LATITUDE = 85.05112878;
export const MIN_ZOOM = 3;
export const MAX_ZOOM = 18;

export type Point = { latitude: number; longitude: number };
export type Pixel = { x: number; y: number };

const worldSize = (zoom: number) => TILE_SIZE * 2 ** zoom;

export function toPixel({ latitude, longitude }: Point, zoom: number): Pixel {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const size = worldSize(zoom);
  return {
    x: ((longitude + 180) / 360) * size,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size,
  };
}

export function toPoint({ x, y }: Pixel, zoom: number): Point {
  const size = worldSize(zoom);
  const wrapped = ((x % size) + size) % size;
  const n = Math.PI - (2 * Math.PI * y) / size;
  return {
    latitude: (180 / Math.PI) * Math.atan(Math.sinh(n)),
    longitude: (wrapped / size) * 360 - 180,
  };
}

/** Degrees kept to six decimals: about 0.1 m, finer than anyone can click, and what map pickers show. */
export const roundDegrees = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

export type TilePlacement = { z: number; x: number; y: number; left: number; top: number };

/**
 * The tiles that cover a `width` × `height` view centred on `center`, each with where its top-left corner falls in
 * the view. Columns wrap around the world; rows beyond the poles are left out.
 */
export function tilesInView(center: Point, zoom: number, width: number, height: number): TilePlacement[] {
  const middle = toPixel(center, zoom);
  const left = middle.x - width / 2;
  const top = middle.y - height / 2;
  const count = 2 ** zoom;
  const tiles: TilePlacement[] = [];
  for (let ty = Math.floor(top / TILE_SIZE); ty * TILE_SIZE < top + height; ty++) {
    if (ty < 0 || ty >= count) continue;
    for (let tx = Math.floor(left / TILE_SIZE); tx * TILE_SIZE < left + width; tx++) {
      tiles.push({ z: zoom, x: ((tx % count) + count) % count, y: ty, left: tx * TILE_SIZE - left, top: ty * TILE_SIZE - top });
    }
  }
  return tiles;
}
