import { describe, expect, it } from "vitest";
import { etagOfBytes } from "./etag";

describe("etagOfBytes", () => {
  it("is a weak ETag naming the content: the same bytes give the same tag, any change another", () => {
    const tag = etagOfBytes(Buffer.from('{"items":[1,2]}'));
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]{43}"$/);
    expect(etagOfBytes(Buffer.from('{"items":[1,2]}'))).toBe(tag);
    expect(etagOfBytes(Buffer.from('{"items":[2,1]}'))).not.toBe(tag);
  });
});
