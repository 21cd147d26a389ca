import { describe, expect, it } from "vitest";
import { roundDegrees, tileAddress, tileServer, tilesInView, toPixel, toPoint } from "./index";

// 天安门 in GCJ-02 and the tile that holds it at zoom 15 in the XYZ grid every slippy-map server (AutoNavi, Tencent, OSM) uses.
const tiananmen = { latitude: 39.908823, longitude: 116.39747 };

describe("Web Mercator", () => {
  it("puts a point on the tile a slippy-map server numbers it by", () => {
    const pixel = toPixel(tiananmen, 15);
    expect({ x: Math.floor(pixel.x / 256), y: Math.floor(pixel.y / 256) }).toEqual({ x: 26978, y: 12416 });
    expect(toPixel({ latitude: 0, longitude: 0 }, 0)).toEqual({ x: 128, y: 128 });
  });

  it("reads back the point it drew, to the sixth decimal, at every zoom", () => {
    for (const zoom of [3, 10, 18]) {
      const back = toPoint(toPixel(tiananmen, zoom), zoom);
      expect({ latitude: roundDegrees(back.latitude), longitude: roundDegrees(back.longitude) }).toEqual(tiananmen);
    }
  });

  it("covers a view with the tiles around its centre, the centre tile placed under the middle", () => {
    const tiles = tilesInView(tiananmen, 15, 320, 240);
    const middle = toPixel(tiananmen, 15);
    const centreTile = tiles.find((tile) => tile.x === Math.floor(middle.x / 256) && tile.y === Math.floor(middle.y / 256))!;
    expect(centreTile.left + (middle.x % 256)).toBeCloseTo(160);
    expect(centreTile.top + (middle.y % 256)).toBeCloseTo(120);
    // Every pixel of the view is under some tile.
    for (const [x, y] of [[0, 0], [319, 0], [0, 239], [319, 239]]) {
      expect(tiles.some((tile) => tile.left <= x! && x! < tile.left + 256 && tile.top <= y! && y! < tile.top + 256)).toBe(true);
    }
  });

  it("wraps columns across the date line and leaves out rows beyond the poles", () => {
    const tiles = tilesInView({ latitude: 85, longitude: 179.9 }, 3, 512, 512);
    expect(tiles.every((tile) => tile.y >= 0 && tile.x >= 0 && tile.x < 8)).toBe(true);
    expect(tiles.map((tile) => tile.x)).toContain(0);
  });
});

describe("the tile server setting", () => {
  it("is off when unset, and fills in a tile's address", () => {
    expect(tileServer({})).toBeNull();
    const server = tileServer({ MAP_TILE_URL: "https://webrd0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}", MAP_TILE_SUBDOMAINS: "1,2,3,4", MAP_TILE_ATTRIBUTION: "© 高德地图" })!;
    expect(tileAddress(server, { z: 15, x: 26978, y: 12416 })).toBe("https://webrd03.is.autonavi.com/appmaptile?style=8&x=26978&y=12416&z=15");
    expect(server.attribution).toBe("© 高德地图");
  });

  it("names what is wrong with it", () => {
    expect(() => tileServer({ MAP_TILE_URL: "http://tiles.example.com/{z}/{x}/{y}.png" })).toThrow("MAP_TILE_URL must be an https:// address");
    expect(() => tileServer({ MAP_TILE_URL: "https://tiles.example.com/{z}/{x}.png" })).toThrow("MAP_TILE_URL must contain {z}, {x} and {y}");
    expect(() => tileServer({ MAP_TILE_URL: "https://t{s}.example.com/{z}/{x}/{y}.png" })).toThrow("set MAP_TILE_SUBDOMAINS");
  });
});
