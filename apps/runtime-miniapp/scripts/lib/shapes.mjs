// Shapes as point tests on an 81 x 81 canvas, combined into icons and rasterised with supersampling, so the
// icons are drawn from code and come out byte-identical on every build.

export const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

export const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

export function roundRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (!rect(x0, y0, x1, y1)(x, y)) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

/** The outline of a rounded rectangle, `width` thick. */
export const frame = (x0, y0, x1, y1, width, r = 0) =>
  minus(roundRect(x0, y0, x1, y1, r), roundRect(x0 + width, y0 + width, x1 - width, y1 - width, Math.max(r - width, 0)));

/** A thick line through the given points, with round joints and caps. */
export function stroke(points, width) {
  const segments = points.slice(1).map((to, index) => [points[index], to]);
  return (x, y) =>
    segments.some(([[ax, ay], [bx, by]]) => {
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.min(Math.max(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy), 0), 1);
      return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (width / 2) ** 2;
    });
}

export function polygon(points) {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i];
      const [xj, yj] = points[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

export const union = (...shapes) => (x, y) => shapes.some((shape) => shape(x, y));
export const minus = (shape, hole) => (x, y) => shape(x, y) && !hole(x, y);
export const clip = (shape, area) => (x, y) => shape(x, y) && area(x, y);

const SAMPLES = 4; // 4 x 4 samples per pixel for smooth edges

/** RGBA pixels of `shape` in one colour on a transparent background. */
export function rasterise(shape, size, [red, green, blue]) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) covered++;
        }
      }
      pixels.set([red, green, blue, Math.round((covered * 255) / (SAMPLES * SAMPLES))], (y * size + x) * 4);
    }
  }
  return pixels;
}
