import { describe, expect, it } from "vitest";
import { convertRpx, convertSelectors, convertWxss, rpxToPx } from "./wxss";

describe("rpx on the preview's 375 px phone", () => {
  it("is half a px, floored as WeChat does, never vanishing when not zero", () => {
    expect(rpxToPx(750)).toBe(375);
    expect(rpxToPx(24)).toBe(12);
    expect(rpxToPx(28)).toBe(14);
    expect(rpxToPx(3)).toBe(1);
    expect(rpxToPx(1)).toBe(1);
    expect(rpxToPx(0)).toBe(0);
    expect(rpxToPx(-24)).toBe(-12);
    expect(rpxToPx(750, 414)).toBe(414);
  });

  it("is replaced in every length of a stylesheet, decimals and negatives included", () => {
    expect(convertRpx("margin: 24rpx -8rpx 0 .5rpx; width: calc(100% - 32rpx); height: 1.5rpx")).toBe(
      "margin: 12px -4px 0 1px; width: calc(100% - 16px); height: 1px",
    );
  });
});

describe("WXSS selectors", () => {
  it("name the elements built-in tags render as, and the page root", () => {
    expect(convertSelectors("page")).toBe("wx-page");
    expect(convertSelectors("view > text, .a image:first-child, swiper-item")).toBe("wx-view > wx-text, .a wx-image:first-child, wx-swiper-item");
    // Class names and custom tags that merely contain a tag's name are untouched.
    expect(convertSelectors(".kd-page .text-view, kd-image-ad, #view")).toBe(".kd-page .text-view, kd-image-ad, #view");
  });

  it("are converted only in rule preludes, not in values, keyframe steps or comments", () => {
    const css = convertWxss(`/* view */ page { --kd-text: #333; font: 28rpx text; }\n@keyframes scroll { from { left: 0 } to { left: -750rpx } }\n@media (min-width: 100px) { view { color: red; } }`);
    expect(css).toBe(" wx-page { --kd-text: #333; font: 14px text; }\n@keyframes scroll { from { left: 0 } to { left: -375px } }\n@media (min-width: 100px) { wx-view { color: red; } }");
  });
});
