import { z } from "zod";
import { text, toggle } from "../fields";
import { link } from "../links";
import { t } from "../localized";
import { defineSection } from "../section";

export const notice = defineSection({
  type: "notice",
  label: t("公告栏", "Notice bar"),
  description: t("一行滚动的店铺公告", "A one-line scrolling store announcement"),
  limits: { maxPerPage: 2 },
  settings: z.object({
    text: text(t("公告内容", "Announcement"), { max: 80, min: 1, default: "欢迎光临，新客首单立减 5 元" }),
    scroll: toggle(t("滚动播放", "Scroll"), true),
    link: link(t("跳转", "Link")),
  }),
});
