import { describe, expect, it } from "vitest";
import { imageRefSchema, isMediaRef } from "./images";

const store = "5b0c8f7e-2f55-4d0e-9a55-3a4f0d1c2b3a";
const hash = "0123456789abcdef".repeat(4);
const accepts = (ref: string) => imageRefSchema.safeParse(ref).success;

describe("image references", () => {
  it("accepts https addresses, packaged pictures and uploaded images of every format", () => {
    expect(accepts("https://cdn.example.com/a.png")).toBe(true);
    expect(accepts("/assets/samples/coffee.svg")).toBe(true);
    for (const ext of ["png", "jpg", "gif", "webp"]) expect(accepts(`/media/${store}/${hash}.${ext}`), ext).toBe(true);
    expect(isMediaRef(`/media/${store}/${hash}.png`)).toBe(true);
  });

  it("refuses anything else shaped like an uploaded image", () => {
    for (const ref of [
      `/media/${store}/${hash}.svg`,
      `/media/${store}/${hash}.jpeg`,
      `/media/${store}/${hash.slice(1)}.png`,
      `/media/${store}/${hash.toUpperCase()}.png`,
      `/media/not-a-store/${hash}.png`,
      `/media/${store}/../${hash}.png`,
      `/media/${store}/${hash}.png?x=1`,
      `/media/${store}/${hash}.png\n`,
      `//evil.example/media/${store}/${hash}.png`,
      `http://shop.example/media/${store}/${hash}.png`,
    ]) {
      expect(accepts(ref), ref).toBe(false);
      expect(isMediaRef(ref), ref).toBe(false);
    }
  });
});
