// WXSS to the CSS a browser understands, as WeChat's view layer does it: rpx becomes px for the preview's phone
// width, tag selectors name the elements built-in tags render as (`view` -> `wx-view`, `page` -> `wx-page`).

/** The preview's phone is 375 px wide, as WeChat's design width of 750 rpx maps onto an iPhone's 375 pt. */
export const PREVIEW_WIDTH = 375;
const DESIGN_WIDTH = 750;

/**
 * One rpx length in px. WeChat floors the result (with a small epsilon) and never lets a non-zero length vanish:
 * 1rpx is 1px on a 375 px phone, not 0.5px.
 */
export function rpxToPx(rpx: number, width = PREVIEW_WIDTH): number {
  if (rpx === 0) return 0;
  const px = Math.floor((Math.abs(rpx) / DESIGN_WIDTH) * width + 1e-4);
  return Math.sign(rpx) * (px === 0 ? 1 : px);
}

const RPX = /(-?(?:\d+\.?\d*|\.\d+))rpx\b/g;

/** Replaces every rpx length in CSS text. */
export function convertRpx(css: string, width = PREVIEW_WIDTH): string {
  return css.replace(RPX, (_, value: string) => `${rpxToPx(Number(value), width)}px`);
}

// The tags of WeChat's built-in components a stylesheet may name.
const BUILT_IN_TAGS = [
  "page", "view", "text", "image", "swiper", "swiper-item", "scroll-view", "button", "input", "textarea", "navigator",
  "icon", "rich-text", "picker", "label", "form", "checkbox", "radio", "switch", "slider", "progress", "cover-view",
  "cover-image", "block",
];
// A tag at the start of a compound selector: after start, a combinator, a comma or an opening parenthesis.
const TAG_SELECTOR = new RegExp(`(^|[\\s>+~,(])(${BUILT_IN_TAGS.join("|")})(?=$|[\\s.#:[>+~,){])`, "g");

/** Renames built-in tag selectors in a selector list (`page .a, view > text` -> `wx-page .a, wx-view > wx-text`). */
export function convertSelectors(selectors: string): string {
  return selectors.replace(TAG_SELECTOR, (_, before: string, tag: string) => `${before}wx-${tag}`);
}

/**
 * Converts one stylesheet whose @imports are already inlined. Selectors are rewritten only in rule preludes (never
 * inside declarations, where `text` or `page` may be part of a value), and keyframe steps are left alone.
 */
export function convertWxss(wxss: string, width = PREVIEW_WIDTH): string {
  const withoutComments = wxss.replace(/\/\*[\s\S]*?\*\//g, "");
  let out = "";
  let depth = 0;
  let keyframesDepth = -1;
  let prelude = "";
  for (const char of withoutComments) {
    if (char === "{") {
      const trimmed = prelude.trim();
      const atRule = trimmed.startsWith("@");
      if (/^@(-\w+-)?keyframes\b/.test(trimmed)) keyframesDepth = depth;
      const insideKeyframes = keyframesDepth >= 0 && depth > keyframesDepth;
      out += atRule || insideKeyframes ? prelude : convertSelectors(prelude);
      out += char;
      prelude = "";
      depth += 1;
    } else if (char === "}" || char === ";") {
      out += prelude + char;
      prelude = "";
      if (char === "}") {
        depth -= 1;
        if (depth === keyframesDepth) keyframesDepth = -1;
      }
    } else {
      prelude += char;
    }
  }
  return convertRpx(out + prelude, width);
}
