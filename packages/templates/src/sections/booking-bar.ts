import { z } from "zod";
import { integer, text } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

export const bookingBar = defineSection({
  type: "booking-bar",
  label: t("日期预订栏", "Date booking bar"),
  description: t("选择入住、离店日期后查找房型", "Pick check-in and check-out dates, then find rooms"),
  limits: { maxPerPage: 1 },
  settings: z.object({
    title: text(t("标题", "Title"), { max: 20, default: "预订客房" }),
    defaultNights: integer(t("默认入住晚数", "Default nights"), { min: 1, max: 14, default: 1 }),
    buttonText: text(t("按钮文字", "Button text"), { max: 10, min: 1, default: "查找房间" }),
  }),
});
