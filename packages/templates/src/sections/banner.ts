import { z } from "zod";
import { image, integer, list, select, text, toggle } from "../fields";
import { link } from "../links";
import { t } from "../localized";
import { defineSection } from "../section";

const MAX_SLIDES = 8;

const slide = z.object({
  image: image(t("图片", "Image"), "/assets/samples/banner-1.svg"),
  title: text(t("标题", "Title"), { max: 20, default: "" }),
  link: link(t("跳转", "Link")),
});

export const banner = defineSection({
  type: "banner",
  label: t("轮播图", "Banner carousel"),
  description: t("多张大图轮流展示活动与新品", "Large rotating images for promotions and new arrivals"),
  limits: { maxPerPage: 2, maxItems: MAX_SLIDES },
  settings: z.object({
    slides: list(t("轮播图片", "Slides"), slide, {
      min: 1,
      max: MAX_SLIDES,
      default: [{ image: "/assets/samples/banner-1.svg" }, { image: "/assets/samples/banner-2.svg" }],
    }),
    autoplay: toggle(t("自动播放", "Autoplay"), true),
    intervalSeconds: integer(t("切换间隔（秒）", "Interval (seconds)"), { min: 2, max: 10, default: 4 }),
    height: select(
      t("高度", "Height"),
      ["small", "medium", "large"],
      { small: t("矮", "Short"), medium: t("中", "Medium"), large: t("高", "Tall") },
      "medium",
    ),
  }),
});
