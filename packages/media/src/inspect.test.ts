import { describe, expect, it } from "vitest";
import { MediaRefusedError } from "./errors";
import { inspectImage, sniffFormat } from "./inspect";
import { MEDIA_MAX_BYTES } from "./limits";
import { gifImage, jpegImage, pngImage, webpImage } from "./testing/images";

function refusal(bytes: Uint8Array): MediaRefusedError {
  try {
    inspectImage(bytes);
  } catch (error) {
    if (error instanceof MediaRefusedError) return error;
    throw error;
  }
  throw new Error("the image was accepted");
}

describe("recognising an image by its bytes", () => {
  it("reads the format and size of each accepted format", () => {
    expect(inspectImage(pngImage(120, 80))).toEqual({ format: "png", width: 120, height: 80 });
    expect(inspectImage(gifImage(64, 48))).toEqual({ format: "gif", width: 64, height: 48 });
    expect(inspectImage(jpegImage(640, 480))).toEqual({ format: "jpeg", width: 640, height: 480 });
    expect(inspectImage(webpImage(300, 200))).toEqual({ format: "webp", width: 300, height: 200 });
    expect(inspectImage(Buffer.from(gifImage(20, 20)).fill("GIF87a", 0, 6))).toMatchObject({ format: "gif" });
  });

  it("refuses a text file, whatever it is called, and SVG", () => {
    expect(sniffFormat(new TextEncoder().encode("hello, I am a .png"))).toBeNull();
    expect(refusal(new TextEncoder().encode("hello, I am a .png")).code).toBe("media.unsupported");
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script></svg>';
    expect(refusal(new TextEncoder().encode(svg)).code).toBe("media.unsupported");
    expect(refusal(new Uint8Array(0)).code).toBe("media.unsupported");
  });

  it("refuses a known magic number followed by a broken header", () => {
    expect(refusal(pngImage(100, 100).slice(0, 12)).code).toBe("media.unsupported");
    expect(refusal(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])).code).toBe("media.unsupported");
  });

  it("refuses more than the size limit before reading anything else", () => {
    const oversized = new Uint8Array(MEDIA_MAX_BYTES + 1);
    oversized.set(pngImage(100, 100));
    const error = refusal(oversized);
    expect(error.code).toBe("media.tooLarge");
    expect(error.params).toMatchObject({ maxMb: 5 });
    expect(inspectImage(Object.assign(new Uint8Array(MEDIA_MAX_BYTES), pngImage(100, 100))).format).toBe("png");
  });

  it("refuses images under 16 or over 4096 pixels on a side, naming the image's size", () => {
    expect(refusal(pngImage(15, 100))).toMatchObject({ code: "media.tooSmall", params: { min: 16, width: 15, height: 100 } });
    expect(refusal(gifImage(100, 10)).code).toBe("media.tooSmall");
    expect(refusal(jpegImage(4097, 100))).toMatchObject({ code: "media.dimensions", params: { max: 4096, width: 4097 } });
    expect(refusal(webpImage(100, 5000)).code).toBe("media.dimensions");
    expect(inspectImage(jpegImage(4096, 16))).toMatchObject({ width: 4096, height: 16 });
  });
});
