// Maps for the dashboard's location picker: the tile server setting and the Web Mercator arithmetic of tiles.
export { tileServer, tileAddress, type TileServer } from "./tile-server";
export { TILE_SIZE, MAX_LATITUDE, MIN_ZOOM, MAX_ZOOM, toPixel, toPoint, roundDegrees, tilesInView, type Point, type Pixel, type TilePlacement } from "./mercator";
