import { z } from "zod";
import { color, list, text } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

const MAX_BENEFITS = 6;

export const memberCard = defineSection({
  type: "member-card",
  label: t("会员卡", "Member card"),
  description: t("会员卡：授权手机号开通，展示会员号、等级、积分与会员码", "The member card: join with the phone number; number, level, points and the QR code to show at the till"),
  limits: { maxPerPage: 1, maxItems: MAX_BENEFITS },
  settings: z.object({
    title: text(t("卡片名称", "Card name"), { max: 16, min: 1, default: "会员卡" }),
    benefits: list(t("会员权益", "Benefits"), text(t("权益", "Benefit"), { max: 30, min: 1, default: "消费积分" }), {
      min: 0,
      max: MAX_BENEFITS,
      default: ["消费积分", "生日礼遇", "会员专享价"],
    }),
    cardColor: color(t("卡片颜色", "Card colour"), "#2b2b2b"),
  }),
});
