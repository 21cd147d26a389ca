import { z } from "zod";
import { image, text } from "../fields";
import { link } from "../links";
import { t } from "../localized";
import { defineSection } from "../section";

export const imageAd = defineSection({
  type: "image-ad",
  label: t("图片广告", "Image ad"),
  description: t("一张可点击的宣传图", "One tappable promotional picture"),
  limits: { maxPerPage: 6 },
  settings: z.object({
    image: image(t("图片", "Image"), "/assets/samples/ad-1.svg"),
    caption: text(t("说明文字", "Caption"), { max: 30, default: "" }),
    link: link(t("跳转", "Link")),
  }),
});
