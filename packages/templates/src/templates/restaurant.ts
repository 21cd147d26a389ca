import { CONFIG_SCHEMA_VERSION } from "../schema-version";
import { t } from "../localized";
import { sampleImage } from "../samples";
import { defineTemplate } from "../template";

const sizeOptions = { name: "份量", required: true, options: [{ name: "小份" }, { name: "大份", extraFen: 300 }] };
const spiceOptions = { name: "辣度", required: true, options: [{ name: "不辣" }, { name: "微辣" }, { name: "特辣" }] };

export const restaurant = defineTemplate({
  id: "restaurant",
  version: "1.2.0",
  name: t("餐厅点餐", "Restaurant ordering"),
  description: t(
    "菜单分类、菜品规格（份量、辣度）、扫桌码看菜单（显示桌号）、堂食/外带与到店取号说明。",
    "Menu categories, dish options (size, spice), a table QR that opens the menu with the table shown, dine-in or takeaway, how to queue in the shop.",
  ),
  wechatCategory: t("餐饮服务（需食品经营许可证）", "Food service (food business license required)"),
  itemKind: "dish",
  pages: [
    {
      id: "home",
      sections: ["banner", "notice", "queue-ticket", "item-grid", "coupon-strip", "image-ad", "rich-text", "member-card", "store-info"],
    },
    { id: "category", sections: ["notice"] },
    { id: "item", sections: [] },
    { id: "order", sections: ["notice", "menu"], required: ["menu"] },
    { id: "profile", sections: ["member-card", "coupon-strip", "image-ad", "rich-text", "store-info"] },
    { id: "store", sections: ["store-info", "rich-text", "image-ad"] },
  ],
  tabPages: ["home", "category", "order", "profile", "store"],
  sample: {
    config: {
      schemaVersion: CONFIG_SCHEMA_VERSION,
      templateId: "restaurant",
      theme: { primaryColor: "#c0392b", accentColor: "#f39c12", backgroundColor: "#faf6f2", navigationBarText: "white" },
      store: {
        name: "老街面馆",
        slogan: "一碗热汤面，三十年老味道",
        phone: "028-8666 1234",
        address: "四川省成都市青羊区宽巷子 9 号",
        hours: "10:30-14:00, 17:00-21:30",
        location: { latitude: 30.6692, longitude: 104.0543 },
      },
      tabBar: [
        { page: "home", text: "首页" },
        { page: "order", text: "点餐" },
        { page: "profile", text: "我的" },
      ],
      pages: {
        home: {
          title: "老街面馆",
          sections: [
            { id: "banner", type: "banner", settings: { slides: [{ image: sampleImage("noodle-banner"), title: "招牌牛肉面", link: { kind: "page", page: "order" } }] } },
            { id: "notice", type: "notice", settings: { text: "扫桌上二维码看菜单，选好后请向服务员点单" } },
            { id: "queue", type: "queue-ticket", settings: {} },
            { id: "signature", type: "item-grid", settings: { title: "招牌菜", layout: "large", limit: 4 } },
            { id: "store", type: "store-info", settings: {} },
          ],
        },
        category: { title: "菜单分类", sections: [] },
        item: { title: "菜品详情", sections: [] },
        order: {
          title: "点餐",
          sections: [
            { id: "notice", type: "notice", settings: { text: "辣度可选，忌口请备注", scroll: false } },
            { id: "menu", type: "menu", settings: {} },
          ],
        },
        profile: { title: "我的", sections: [{ id: "card", type: "member-card", settings: { title: "食客卡", cardColor: "#7b241c" } }] },
        store: { title: "门店", sections: [{ id: "info", type: "store-info", settings: {} }] },
      },
    },
    catalog: {
      categories: [
        { id: "noodles", name: "面食" },
        { id: "snacks", name: "小吃" },
        { id: "drinks", name: "饮品" },
      ],
      items: [
        { id: "beef", kind: "dish", categoryId: "noodles", title: "招牌牛肉面", description: "牛骨熬汤八小时，手工拉面。", priceFen: 2800, images: [sampleImage("beef-noodles")], details: { optionGroups: [sizeOptions, spiceOptions] } },
        { id: "ribs", kind: "dish", categoryId: "noodles", title: "红烧排骨面", description: "肋排红烧入味。", priceFen: 3200, images: [sampleImage("rib-noodles")], details: { optionGroups: [sizeOptions, spiceOptions] } },
        { id: "dandan", kind: "dish", categoryId: "noodles", title: "担担面", description: "芽菜肉臊，花生碎。", priceFen: 1800, images: [sampleImage("dandan")], details: { optionGroups: [spiceOptions] } },
        { id: "hot-sour", kind: "dish", categoryId: "snacks", title: "酸辣粉", description: "红薯粉，酸辣开胃。", priceFen: 1500, images: [sampleImage("hot-sour")], details: { optionGroups: [spiceOptions] } },
        { id: "potstickers", kind: "dish", categoryId: "snacks", title: "猪肉锅贴（8 只）", description: "现包现煎。", priceFen: 1600, images: [sampleImage("potstickers")] },
        { id: "cucumber", kind: "dish", categoryId: "snacks", title: "拍黄瓜", description: "蒜香凉拌。", priceFen: 1000, images: [sampleImage("cucumber")], details: { soldOut: true } },
        { id: "plum", kind: "dish", categoryId: "drinks", title: "冰镇酸梅汤", description: "乌梅山楂熬制。", priceFen: 800, images: [sampleImage("plum-drink")] },
      ],
    },
  },
});
