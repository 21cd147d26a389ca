import { z } from "zod";
import { integer, text, toggle } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

const MAX_ROOMS = 20;

export const roomList = defineSection({
  type: "room-list",
  label: t("房型列表", "Room list"),
  description: t("展示房型、设施与每晚价格", "Room types with amenities and nightly price"),
  limits: { maxPerPage: 2, maxItems: MAX_ROOMS },
  settings: z.object({
    title: text(t("标题", "Title"), { max: 20, default: "精选房型" }),
    limit: integer(t("最多显示", "Show at most"), { min: 1, max: MAX_ROOMS, default: 6 }),
    showAmenities: toggle(t("显示设施", "Show amenities"), true),
  }),
});
