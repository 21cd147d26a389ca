import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// Runs at laptop width and, in the "phone" project, at a Pixel 7's width. Screenshots land in test-results/.
const pages = ["/sign-up", "/stores/shanye-coffee", "/stores/shanye-coffee/settings", "/stores/shanye-coffee/publish", "/stores/shanye-coffee/wechat", "/agency", "/agency/publish"];
for (const path of pages) {
  test(`${path} fits the screen without sideways scrolling`, async ({ page }, info) => {
    if (path !== "/sign-up") await signIn(page, path.startsWith("/agency") ? "agency@demo.kaidian.test" : "shop@demo.kaidian.test");
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: info.outputPath(`${info.project.name}${path.replaceAll("/", "_")}.png`), fullPage: true });
  });
}
