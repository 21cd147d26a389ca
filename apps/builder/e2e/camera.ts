// A camera for the browser tests: Chromium's fake capture device plays a YUV4MPEG2 file
// (--use-file-for-fake-video-capture), so a card code drawn as a QR code here is what the page's camera sees.
import { writeFileSync } from "node:fs";
import QRCode from "qrcode";

const WIDTH = 640;
const HEIGHT = 480;
/** Pixels per QR module: a card code (version 3, 29 modules) fills about half the frame's height, as held to a till. */
const MODULE_PX = 8;
/** Luma of the printed dark modules and the paper around them, in video range (16-235). */
const DARK = 16;
const LIGHT = 235;

/**
 * Writes `file` as a short 4:2:0 YUV4MPEG2 clip of `text` as a QR code in the middle of a light frame, which the fake
 * camera loops for as long as it is open.
 */
export function writeQrVideo(file: string, text: string): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const left = Math.floor((WIDTH - size * MODULE_PX) / 2);
  const top = Math.floor((HEIGHT - size * MODULE_PX) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, LIGHT);
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      if (!qr.modules.get(row, column)) continue;
      for (let y = 0; y < MODULE_PX; y += 1) {
        const start = (top + row * MODULE_PX + y) * WIDTH + left + column * MODULE_PX;
        luma.fill(DARK, start, start + MODULE_PX);
      }
    }
  }
  // Neutral chroma: a grey-scale picture.
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, frame, frame, frame]));
}
