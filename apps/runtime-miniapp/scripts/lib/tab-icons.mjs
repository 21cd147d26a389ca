// The tab bar icons of packages/templates/src/pages.ts (TabIcon): WeChat wants local PNG or JPG files of at most
// 40 KB, no SVG; 81 x 81 is the size it recommends. Each icon has a grey normal and a dark selected version.
import { encodePng } from "./png.mjs";
import { circle, clip, frame, polygon, rasterise, rect, roundRect, stroke, union } from "./shapes.mjs";

export const TAB_ICON_SIZE = 81;
const NORMAL = [0x99, 0x99, 0x99];
const SELECTED = [0x32, 0x32, 0x33];
const LINE = 6;

const icons = {
  home: union(stroke([[10, 40], [40.5, 13], [71, 40]], LINE), frame(19, 36, 62, 70, LINE, 4), rect(35, 50, 46, 70)),
  category: union(
    frame(12, 12, 37, 37, 5, 6),
    frame(44, 12, 69, 37, 5, 6),
    frame(12, 44, 37, 69, 5, 6),
    frame(44, 44, 69, 69, 5, 6),
  ),
  cart: union(
    stroke([[8, 14], [18, 14], [26, 52], [63, 52]], LINE),
    stroke([[22, 25], [71, 25], [65, 44], [24, 44]], LINE),
    circle(30, 64, 6),
    circle(58, 64, 6),
  ),
  booking: union(
    frame(11, 17, 70, 70, LINE, 6),
    rect(11, 17, 70, 31),
    stroke([[26, 9], [26, 22]], LINE),
    stroke([[55, 9], [55, 22]], LINE),
    roundRect(22, 41, 31, 50, 2),
    roundRect(36, 41, 45, 50, 2),
    roundRect(50, 41, 59, 50, 2),
    roundRect(22, 55, 31, 64, 2),
  ),
  order: union(
    clip(circle(40.5, 40, 29), rect(0, 40, 81, 81)),
    rect(30, 66, 51, 72),
    stroke([[42, 34], [60, 8]], 4),
    stroke([[51, 36], [70, 12]], 4),
  ),
  profile: union(circle(40.5, 25, 14), clip(circle(40.5, 76, 31), rect(0, 0, 81, 70))),
  store: union(
    polygon([[9, 31], [18, 11], [63, 11], [72, 31]]),
    stroke([[17, 31], [17, 68], [64, 68], [64, 31]], LINE),
    rect(34, 46, 47, 68),
  ),
};

export const TAB_ICON_NAMES = Object.keys(icons);

/** `{ "home.png": Buffer, "home-active.png": Buffer, ... }` */
export function tabIconFiles() {
  const files = {};
  for (const [name, shape] of Object.entries(icons)) {
    files[`${name}.png`] = encodePng(TAB_ICON_SIZE, TAB_ICON_SIZE, rasterise(shape, TAB_ICON_SIZE, NORMAL));
    files[`${name}-active.png`] = encodePng(TAB_ICON_SIZE, TAB_ICON_SIZE, rasterise(shape, TAB_ICON_SIZE, SELECTED));
  }
  return files;
}
