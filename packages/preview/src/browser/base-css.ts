// What WeChat's web view gives the built-in tags before any WXSS: their display, default sizes and the look of a
// plain button, for a 375 px wide phone.
export const BASE_CSS = `
:host { display: block; }
.kdp-viewport { position: relative; width: 375px; min-height: 100%; font-family: -apple-system, "PingFang SC", "Helvetica Neue", "Microsoft YaHei", sans-serif; font-size: 16px; line-height: 1.4; -webkit-font-smoothing: antialiased; }
.kdp-viewport * { box-sizing: content-box; }
wx-page { display: block; min-height: 100%; }
wx-view, wx-block, wx-form, wx-label, wx-picker, wx-cover-view, wx-navigator, wx-rich-text, wx-swiper-item { display: block; }
wx-text { display: inline; }
[hidden] { display: none !important; }
wx-image { display: inline-block; overflow: hidden; width: 320px; height: 240px; background-repeat: no-repeat; background-position: center; }
wx-image[mode="widthFix"] { height: auto; }
wx-swiper { display: block; position: relative; overflow: hidden; height: 150px; }
wx-swiper > * { display: flex; height: 100%; }
wx-swiper-item { flex: 0 0 100%; width: 100%; height: 100%; overflow: hidden; transform: translateX(calc(var(--wx-swiper-current, 0) * -100%)); }
wx-scroll-view { display: block; overflow: auto; scrollbar-width: none; }
wx-scroll-view[scroll-x] { overflow-x: auto; overflow-y: hidden; white-space: nowrap; }
wx-button { position: relative; display: block; margin: 0 auto; padding: 0 14px; box-sizing: border-box; font-size: 18px; line-height: 2.55555556; text-align: center; border-radius: 5px; color: #000; background-color: #f8f8f8; overflow: hidden; cursor: pointer; }
wx-button[size="mini"] { display: inline-block; padding: 0 1.32em; font-size: 13px; line-height: 2.3; }
wx-button[type="primary"] { color: #fff; background-color: #07c160; }
wx-button[disabled] { opacity: 0.6; }
wx-input, wx-textarea { display: block; min-height: 1.4rem; }
.kdp-field { display: block; box-sizing: border-box; width: 100%; min-height: inherit; margin: 0; padding: 0; border: 0; background: transparent; color: inherit; font: inherit; outline: none; resize: none; }
.kdp-field::placeholder { color: #999; }
wx-icon { display: inline-block; }
[bindtap], wx-navigator { cursor: pointer; }
`;
