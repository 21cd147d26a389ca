// The smallest real Mini Program, as a folder miniprogram-ci can compile and upload: the package the CI tests hand
// to the fake WeChat. `marker` is written into its home page's script, to find in what WeChat received.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export async function writeMiniProgram(appid: string, marker = "kaidian-test"): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kaidian-mp-"));
  const files: Record<string, string> = {
    "project.config.json": JSON.stringify({ appid, projectname: marker, compileType: "miniprogram", setting: { es6: true } }),
    "app.json": JSON.stringify({ pages: ["pages/home/index", "pages/order/index"] }),
    "app.js": "App({});\n",
    "ext.json": JSON.stringify({ extEnable: false, extAppid: appid, ext: { tenantId: marker } }),
    "pages/home/index.js": `Page({ data: { greeting: ${JSON.stringify(marker)} } });\n`,
    "pages/home/index.json": "{}",
    "pages/home/index.wxml": "<view>{{greeting}}</view>\n",
    "pages/order/index.js": "Page({ onLoad(query) { this.setData({ table: query.t || '' }); } });\n",
    "pages/order/index.json": "{}",
    "pages/order/index.wxml": "<view>{{table}}</view>\n",
  };
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return dir;
}
