import { afterAll, describe, expect, it } from "vitest";
import { appJson, removePackages, validApp, writePackage } from "./fixtures/mini-program";
import { MiniProgramWhiteList } from "miniprogram-ci/dist/utils/white_ext_list.js";
import { checkSizes, measurePackage, UPLOADABLE_EXTENSIONS } from "./sizes";

afterAll(removePackages);

const MB = 1024 * 1024;
const bytes = (files: Record<string, string>) => Object.values(files).reduce((sum, content) => sum + Buffer.byteLength(content), 0);
// project.config.json goes up as a stub of its own, so it is not counted.
const uploaded = Object.fromEntries(Object.entries(validApp).filter(([file]) => file !== "project.config.json"));

describe("measurePackage", () => {
  it("counts the file types of miniprogram-ci's own upload list", () => {
    expect(UPLOADABLE_EXTENSIONS).toEqual(MiniProgramWhiteList);
  });

  it("counts what an upload carries: no project.config.json, node_modules, .git or file types WeChat refuses", async () => {
    const dir = await writePackage({
      "README.md": "# notes",
      "src/index.ts": "export {};",
      "images/LOGO.PNG": "x".repeat(100),
      "node_modules/lib/index.js": "module.exports = 1;",
      ".git/config.json": "{}",
    });
    const sizes = await measurePackage(dir);
    expect(sizes).toMatchObject({ main: bytes(uploaded), subpackages: [], total: bytes(uploaded) });
    expect(sizes.files.map((file) => file.path).sort()).toEqual(Object.keys(uploaded).sort());
  });

  it("splits subpackages from the main package and honours packOptions", async () => {
    const detail = "Page({ data: { photos: [] } });\n";
    const dir = await writePackage({
      "app.json": appJson({ subPackages: [{ root: "shop", pages: ["detail/index"] }] }),
      "shop/detail/index.js": detail,
      "shopping/list.js": "1;",
      "mock/data.json": "[1, 2, 3]",
      "project.config.json": JSON.stringify({ appid: "wx1", packOptions: { ignore: [{ type: "folder", value: "mock" }], include: [] } }),
    });
    const sizes = await measurePackage(dir);
    const appJsonGrowth = Buffer.byteLength(appJson({ subPackages: [{ root: "shop", pages: ["detail/index"] }] })) - Buffer.byteLength(validApp["app.json"]);
    expect(sizes.subpackages).toEqual([{ root: "shop", bytes: Buffer.byteLength(detail) }]);
    expect(sizes.main).toBe(bytes(uploaded) + appJsonGrowth + 2);
    expect(sizes.total).toBe(sizes.main + Buffer.byteLength(detail));
  });
});

describe("checkSizes", () => {
  it("accepts a small package", async () => {
    expect(checkSizes(await measurePackage(await writePackage()))).toEqual([]);
  });

  it("names the main package and its largest files when it is over 2 MB", async () => {
    const dir = await writePackage({ "images/banner.png": Buffer.alloc(2.2 * MB), "images/logo.png": Buffer.alloc(60 * 1024) });
    const problems = checkSizes(await measurePackage(dir));
    expect(problems).toEqual([
      {
        file: ".",
        rule: "size.main",
        message: expect.stringMatching(/^main package is 2\.3 MB, 26\d(\.\d)? KB over the 2 MB limit; largest files: images\/banner\.png \(2\.2 MB\), images\/logo\.png \(60 KB\), /),
      },
    ]);
  });

  it("names a subpackage over its budget, and the whole package over its own", async () => {
    const dir = await writePackage({
      "app.json": appJson({ subPackages: [{ root: "shop", pages: ["detail/index"] }] }),
      "shop/detail/index.js": "x".repeat(3000),
    });
    const problems = checkSizes(await measurePackage(dir), { mainBytes: 2 * MB, subpackageBytes: 2000, totalBytes: 4000 });
    expect(problems).toEqual([
      { file: "shop", rule: "size.subpackage", message: "subpackage shop is 2.9 KB, 1000 B over the 2 KB limit; largest files: shop/detail/index.js (2.9 KB)" },
      { file: ".", rule: "size.total", message: expect.stringMatching(/^the package with all its subpackages is \d\.\d KB, .* over the 3\.9 KB limit; largest files: shop\/detail\/index\.js \(2\.9 KB\), /) },
    ]);
  });
});
