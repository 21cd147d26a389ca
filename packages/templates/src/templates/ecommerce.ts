import { CONFIG_SCHEMA_VERSION } from "../schema-version";
import { t } from "../localized";
import { sampleImage } from "../samples";
import { defineTemplate } from "../template";

const homeSections = [
  "search",
  "banner",
  "notice",
  "category-grid",
  "coupon-strip",
  "item-grid",
  "image-ad",
  "rich-text",
  "member-card",
  "store-info",
] as const;

const profileSections = ["member-card", "coupon-strip", "image-ad", "rich-text", "store-info"] as const;

export const ecommerce = defineTemplate({
  id: "ecommerce",
  version: "1.2.0",
  name: t("电商商城", "Online store"),
  description: t(
    "商品分类、规格库存、购物车、优惠券与会员卡，适合零售与品牌小店。",
    "Categories, products with specs and stock, cart, coupons and member card for retail shops.",
  ),
  wechatCategory: t("商家自营", "Merchant self-operated retail"),
  itemKind: "product",
  pages: [
    { id: "home", sections: homeSections },
    { id: "category", sections: ["banner", "notice", "image-ad"] },
    { id: "item", sections: [] },
    { id: "cart", sections: ["notice", "coupon-strip"] },
    { id: "profile", sections: profileSections },
    { id: "store", sections: ["store-info", "rich-text", "image-ad"] },
  ],
  tabPages: ["home", "category", "cart", "profile", "store"],
  sample: {
    config: {
      schemaVersion: CONFIG_SCHEMA_VERSION,
      templateId: "ecommerce",
      theme: { primaryColor: "#8b5a2b", accentColor: "#f5a623", navigationBarText: "white" },
      store: {
        name: "山野咖啡",
        slogan: "每日新鲜烘焙，从云南山野到你的杯中",
        phone: "0871-6512 3456",
        address: "云南省昆明市五华区文林街 18 号",
        hours: "每天 08:00-21:00",
        location: { latitude: 25.0536, longitude: 102.7048 },
      },
      tabBar: [
        { page: "home", text: "首页" },
        { page: "category", text: "分类" },
        { page: "cart", text: "购物车" },
        { page: "profile", text: "我的" },
      ],
      pages: {
        home: {
          title: "山野咖啡",
          sections: [
            { id: "search", type: "search", settings: { placeholder: "搜索咖啡豆、挂耳" } },
            {
              id: "banner",
              type: "banner",
              settings: {
                slides: [
                  { image: sampleImage("coffee-banner"), title: "本周新豆", link: { kind: "page", page: "category" } },
                  { image: sampleImage("banner-2"), title: "会员日" },
                ],
              },
            },
            { id: "notice", type: "notice", settings: { text: "满 99 元包邮，下午 4 点前下单当天发货" } },
            { id: "categories", type: "category-grid", settings: { columns: "3" } },
            { id: "coupons", type: "coupon-strip", settings: {} },
            { id: "hot", type: "item-grid", settings: { title: "店长推荐", layout: "grid", limit: 6 } },
            { id: "story", type: "rich-text", settings: { blocks: [
              { style: "heading", text: "我们的故事" },
              { style: "paragraph", text: "我们在普洱和保山的山里与咖农一起采收、处理，每周小批量烘焙。" },
            ] } },
            { id: "store", type: "store-info", settings: {} },
          ],
        },
        category: { title: "全部分类", sections: [] },
        item: { title: "商品详情", sections: [] },
        cart: { title: "购物车", sections: [{ id: "notice", type: "notice", settings: { text: "满 99 元包邮" } }] },
        profile: {
          title: "我的",
          sections: [
            { id: "card", type: "member-card", settings: { title: "会员卡", cardColor: "#4a2c12" } },
            { id: "coupons", type: "coupon-strip", settings: {} },
          ],
        },
        store: { title: "门店", sections: [{ id: "info", type: "store-info", settings: {} }] },
      },
    },
    catalog: {
      categories: [
        { id: "beans", name: "咖啡豆" },
        { id: "ready", name: "即饮咖啡" },
        { id: "gear", name: "器具" },
        { id: "goods", name: "周边" },
      ],
      items: [
        {
          id: "yunnan-beans",
          kind: "product",
          categoryId: "beans",
          title: "云南小粒咖啡豆 250g",
          description: "保山高黎贡山产区，水洗处理，坚果与焦糖风味。",
          priceFen: 6800,
          images: [sampleImage("coffee-beans")],
          details: {
            specs: [{ name: "烘焙度", options: ["浅烘", "中烘"] }],
            skus: [
              { options: ["浅烘"], priceFen: 6800, stock: 40 },
              { options: ["中烘"], priceFen: 6800, stock: 25 },
            ],
          },
        },
        {
          id: "drip-bags",
          kind: "product",
          categoryId: "ready",
          title: "挂耳咖啡 10 片装",
          description: "每片 12g，热水冲泡两分钟即可。",
          priceFen: 3900,
          images: [sampleImage("drip-bags")],
        },
        {
          id: "cold-brew",
          kind: "product",
          categoryId: "ready",
          title: "冷萃咖啡液 6 瓶",
          description: "低温慢萃 18 小时，加冰或牛奶。",
          priceFen: 5900,
          images: [sampleImage("cold-brew")],
        },
        {
          id: "kettle",
          kind: "product",
          categoryId: "gear",
          title: "细口手冲壶 600ml",
          description: "不锈钢壶身，出水稳定。",
          priceFen: 12900,
          images: [sampleImage("kettle")],
        },
        {
          id: "mug",
          kind: "product",
          categoryId: "goods",
          title: "陶瓷马克杯",
          description: "景德镇手工拉坯，容量 350ml。",
          priceFen: 4800,
          images: [sampleImage("mug")],
          details: {
            specs: [{ name: "颜色", options: ["米白", "墨绿"] }],
            skus: [
              { options: ["米白"], priceFen: 4800, stock: 12 },
              { options: ["墨绿"], priceFen: 4800, stock: 0 },
            ],
          },
        },
        {
          id: "tote",
          kind: "product",
          categoryId: "goods",
          title: "帆布袋",
          description: "加厚帆布，可装 A4 文件。",
          priceFen: 3500,
          images: [sampleImage("tote")],
        },
        {
          id: "cookies",
          kind: "product",
          categoryId: "goods",
          title: "咖啡曲奇礼盒",
          description: "每盒 12 块，搭配手冲正好。",
          priceFen: 4200,
          images: [sampleImage("cookies")],
        },
      ],
    },
  },
});
