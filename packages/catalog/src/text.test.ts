import { describe, expect, it } from "vitest";
import { problemsOf } from "./problems";
import { lineText, paragraphText } from "./text";

// Every explicit embedding, override and isolate: LRE RLE PDF LRO RLO, LRI RLI FSI PDI.
const DIRECTION_CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];

describe("one line of merchant text", () => {
  it.each(DIRECTION_CONTROLS.map((control) => [control.codePointAt(0)!.toString(16).toUpperCase(), control]))("refuses U+%s, as the problem code `direction`", (_, control) => {
    const result = lineText(40).safeParse(`发票${control}fdp.exe`);
    expect(result.success).toBe(false);
    expect(problemsOf(result.error!)).toEqual([{ path: [], code: "direction" }]);
  });

  it("keeps right-to-left text and the direction marks, which need no override to read right", () => {
    for (const text of ["مرحبا بالعالم", "שלום עולם", "Café\u200e 1号", "\u200fשלום", "عربي\u061c 2"]) expect(lineText(40).safeParse(text).success, text).toBe(true);
  });

  it("lets a paragraph hold them: their effect ends with the paragraph", () => {
    expect(paragraphText(200).safeParse("English \u2067עברית\u2069 English").success).toBe(true);
  });
});
