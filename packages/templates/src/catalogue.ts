// The templates a store can be built from. Each template's pages, sections and config schema join this
// catalogue as the generator work lands; the sign-up and agency forms already choose from it.
import { z } from "zod";

export const TEMPLATE_IDS = ["ecommerce", "hotel", "restaurant"] as const;

export const templateIdSchema = z.enum(TEMPLATE_IDS, { error: "template.unknown" });

export type TemplateId = z.infer<typeof templateIdSchema>;

export type LocalizedText = { "zh-CN": string; en: string };

export type TemplateSummary = {
  id: TemplateId;
  name: LocalizedText;
  description: LocalizedText;
  /** The WeChat service category the Mini Program must be registered under to pass review. */
  wechatCategory: LocalizedText;
};

export const templates: Record<TemplateId, TemplateSummary> = {
  ecommerce: {
    id: "ecommerce",
    name: { "zh-CN": "电商商城", en: "Online store" },
    description: {
      "zh-CN": "商品分类、规格库存、购物车、优惠券与会员卡，适合零售与品牌小店。",
      en: "Categories, products with specs and stock, cart, coupons and member card for retail shops.",
    },
    wechatCategory: { "zh-CN": "商家自营", en: "Merchant self-operated retail" },
  },
  hotel: {
    id: "hotel",
    name: { "zh-CN": "酒店预订", en: "Hotel booking" },
    description: {
      "zh-CN": "房型展示、入住离店日历、每晚房价与库存、押金与取消政策。",
      en: "Room types, check-in/check-out calendar, nightly rates and inventory, deposit and cancellation policy.",
    },
    wechatCategory: { "zh-CN": "旅游 - 酒店服务", en: "Travel - hotel services" },
  },
  restaurant: {
    id: "restaurant",
    name: { "zh-CN": "餐厅点餐", en: "Restaurant ordering" },
    description: {
      "zh-CN": "菜单分类、菜品规格（份量、辣度）、扫码桌号点餐、堂食/外带与排队取号。",
      en: "Menu categories, dish options (size, spice), table QR ordering, dine-in or takeaway, queue tickets.",
    },
    wechatCategory: { "zh-CN": "餐饮服务（需食品经营许可证）", en: "Food service (food business license required)" },
  },
};

export const templateList: TemplateSummary[] = TEMPLATE_IDS.map((id) => templates[id]);
