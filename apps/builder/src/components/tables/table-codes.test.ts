import { randomUUID } from "node:crypto";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { qrSvg, tableCards } from "./table-codes";

/** The dark modules an SVG from `qrcode` draws, read back from its path: "M<x> <y>h<n>" runs of one row. */
function modulesOf(svg: string): Set<string> {
  const path = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1] ?? "";
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of path.matchAll(/([Mmh])(-?\d+(?:\.\d+)?)(?: (-?\d+(?:\.\d+)?))?/g)) {
    if (command === "M") [x, y] = [Number(a), Number(b)];
    else if (command === "m") [x, y] = [x + Number(a), y + Number(b)];
    else {
      for (let i = 0; i < Number(a); i++) dark.add(`${x + i},${Math.floor(y)}`);
      x += Number(a);
    }
  }
  return dark;
}

describe("table codes", () => {
  it("draw each table's link, exactly, as the QR code's modules", async () => {
    const tenantId = randomUUID();
    const [card] = await tableCards(tenantId, [{ id: "t1", name: "A12", code: "K7QX2M", seats: 4, position: 0, revision: 0 }], "https://kaidian.example/");
    expect(card).toMatchObject({ name: "A12", scene: "t=K7QX2M", link: `https://kaidian.example/q/${tenantId}/K7QX2M` });

    const qr = QRCode.create(card!.link, { errorCorrectionLevel: "M" });
    expect(qr.segments.map((segment) => (segment as unknown as { data: Uint8Array }).data).map((data) => Buffer.from(data).toString()).join("")).toBe(card!.link);
    const expected = new Set<string>();
    for (let row = 0; row < qr.modules.size; row++) {
      for (let column = 0; column < qr.modules.size; column++) if (qr.modules.get(row, column)) expected.add(`${column + 2},${row + 2}`);
    }
    expect(modulesOf(card!.svg)).toEqual(expected);
    expect(card!.svg).toBe(await qrSvg(card!.link));
    expect(card!.svg).not.toBe(await qrSvg(card!.link.replace("K7QX2M", "K7QX2N")));
  });
});
