import { describe, expect, it } from "vitest";
import { MediaRefusedError } from "./errors";
import { MEDIA_MAX_BYTES } from "./limits";
import { pngImage } from "./testing/images";
import { MEDIA_MAX_REQUEST_BYTES, readUpload } from "./upload-request";

function multipart(file: Blob | string | null, fileName = "logo.png"): Request {
  const form = new FormData();
  if (file instanceof Blob) form.append("file", file, fileName);
  else if (file !== null) form.append("file", file);
  return new Request("http://localhost/api/stores/x/media", { method: "POST", body: form });
}

async function refusalOf(request: Request): Promise<string> {
  const error = await readUpload(request).then(() => null, (caught: unknown) => caught);
  if (!(error instanceof MediaRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.code;
}

describe("reading an upload from a request", () => {
  it("gives the file's bytes and name", async () => {
    const image = pngImage(20, 20);
    const upload = await readUpload(multipart(new Blob([image]), "店铺标志.png"));
    expect(upload).toEqual({ bytes: image, originalName: "店铺标志.png" });
  });

  it("refuses a request with no file, a text field, or no multipart body", async () => {
    expect(await refusalOf(multipart(null))).toBe("media.missingFile");
    expect(await refusalOf(multipart("not a file"))).toBe("media.missingFile");
    expect(await refusalOf(new Request("http://localhost/x", { method: "POST", body: "plain" }))).toBe("media.missingFile");
  });

  it("stops reading a body larger than the limit, declared or not", async () => {
    const big = new Uint8Array(MEDIA_MAX_REQUEST_BYTES + 1);
    expect(await refusalOf(multipart(new Blob([big])))).toBe("media.tooLarge");
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const streamed = new Request("http://localhost/x", {
      method: "POST", body: endless, duplex: "half", headers: { "Content-Type": "multipart/form-data; boundary=x" },
    } as RequestInit);
    expect(await refusalOf(streamed)).toBe("media.tooLarge");
    expect(pulled).toBeLessThan(MEDIA_MAX_BYTES + 4 * 1024 * 1024);
  });
});
