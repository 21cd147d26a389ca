// Each case is a real offline compile in a child process (seconds each), so there is one per behaviour worth
// proving: a valid app (with a Vant component, to prove npm components resolve), the errors the generator can
// plausibly produce, and the timeout.
import { afterAll, describe, expect, it } from "vitest";
import { compilePackage } from "./compile";
import { APPID, addVantButton, appJson, removePackages, writePackage } from "./fixtures/mini-program";

afterAll(removePackages);

const json = (value: unknown) => JSON.stringify(value);
const compile = async (changes: Record<string, string | null>) => compilePackage(await writePackage(changes), { appid: APPID });

// The valid app's home page with a Vant button beside its own component.
const withVant = {
  "pages/home/index.json": json({ usingComponents: { "shop-card": "/components/card/index", "van-button": "@vant/weapp/button/index" } }),
  "pages/home/index.wxml": '<view class="home">\n  <shop-card title="Tea" />\n  <van-button type="primary">Buy</van-button>\n</view>\n',
};

describe("compilePackage", () => {
  it("finds nothing wrong with a valid app using Vant from an already packed miniprogram_npm", async () => {
    const dir = await writePackage(withVant);
    await addVantButton(dir);
    expect(await compilePackage(dir, { appid: APPID })).toEqual([]);
  });

  it.each([
    [
      "a missing page file",
      { "pages/me/index.wxml": null },
      { file: "app.json", rule: "compile.10005", message: 'app.json: ["pages"][1] could not find the corresponding file: "pages/me/index.wxml"' },
    ],
    [
      "a tabBar with one item",
      { "app.json": appJson({ tabBar: { list: [{ pagePath: "pages/home/index", text: "Home" }] } }) },
      { file: "app.json", rule: "compile.10009", message: 'app.json: ["tabBar"]["list"] must contain at least 2 items' },
    ],
    [
      "a usingComponents path that leads nowhere (the same page, without miniprogram_npm)",
      withVant,
      {
        file: "pages/home/index.json",
        rule: "compile.10009",
        message: expect.stringMatching(/^pages\/home\/index\.json: \["usingComponents"\]\["van-button"\]: "@vant\/weapp\/button\/index", component not found in the path: pages\/home\/@vant\/weapp\/button\/index\n/),
      },
    ],
    [
      "invalid JSON",
      { "components/card/index.json": '{"component": true,' },
      { file: "components/card/index.json", rule: "compile.10006", message: expect.stringMatching(/^components\/card\/index\.json: Expecting 'STRING', got EOF/) },
    ],
    [
      "a broken WXML tag",
      { "pages/home/index.wxml": '<view class="home"><text>Hi</view></text>\n' },
      { file: "pages/home/index.wxml", rule: "compile.10038", message: "pages/home/index.wxml:1:30: unexpected end tag: view" },
    ],
    [
      "a JS syntax error, whose file only the message names",
      { "pages/me/index.js": "Page({ data: {\n" },
      { file: "pages/me/index.js", rule: "compile.10045", message: expect.stringMatching(/^pages\/me\/index\.js: Unexpected token \(2:0\)/) },
    ],
  ])("reports %s", async (_, changes, expected) => {
    expect(await compile(changes)).toEqual([expected]);
  });

  it("kills a compile that runs out of time, then runs the next one", async () => {
    const late = compilePackage(await writePackage(), { appid: APPID, timeoutMs: 300 });
    // The cheapest compile there is: miniprogram-ci gives up while opening the project.
    const next = compile({ "project.config.json": "{" });
    await expect(late).rejects.toThrow(/did not finish within 300 ms/);
    expect(await next).toEqual([{ file: "project.config.json", rule: "compile.error", message: "project.config.json: not valid JSON" }]);
  });
});
