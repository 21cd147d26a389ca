import { CONFIG_SCHEMA_VERSION } from "../schema-version";
import { t } from "../localized";
import { sampleImage } from "../samples";
import { defineTemplate } from "../template";

export const hotel = defineTemplate({
  id: "hotel",
  version: "1.2.0",
  name: t("酒店预订", "Hotel booking"),
  description: t(
    "房型展示、入住离店日历、每晚房价与库存、押金与取消政策。",
    "Room types, check-in/check-out calendar, nightly rates and inventory, deposit and cancellation policy.",
  ),
  wechatCategory: t("旅游 - 酒店服务", "Travel - hotel services"),
  itemKind: "room",
  pages: [
    {
      id: "home",
      sections: ["banner", "booking-bar", "notice", "room-list", "coupon-strip", "image-ad", "rich-text", "member-card", "store-info"],
    },
    { id: "category", sections: ["notice", "image-ad"] },
    { id: "item", sections: [] },
    { id: "booking", sections: ["booking-bar", "notice", "room-list", "rich-text"] },
    { id: "profile", sections: ["member-card", "coupon-strip", "image-ad", "rich-text", "store-info"] },
    { id: "store", sections: ["store-info", "rich-text", "image-ad"] },
  ],
  tabPages: ["home", "category", "booking", "profile", "store"],
  sample: {
    config: {
      schemaVersion: CONFIG_SCHEMA_VERSION,
      templateId: "hotel",
      theme: { primaryColor: "#1f6f78", accentColor: "#f0a04b", backgroundColor: "#f4f7f7", navigationBarText: "white" },
      store: {
        name: "湖畔旅舍",
        slogan: "推窗见湖，安睡一晚",
        phone: "0872-2667 888",
        address: "云南省大理市洱海东路 66 号",
        hours: "前台 24 小时 · 入住 14:00 后 · 离店 12:00 前",
        location: { latitude: 25.6065, longitude: 100.2676 },
      },
      tabBar: [
        { page: "home", text: "首页" },
        { page: "booking", text: "预订" },
        { page: "profile", text: "我的" },
      ],
      pages: {
        home: {
          title: "湖畔旅舍",
          sections: [
            { id: "banner", type: "banner", settings: { slides: [{ image: sampleImage("lake-banner"), title: "洱海日出" }], height: "large" } },
            { id: "dates", type: "booking-bar", settings: {} },
            { id: "notice", type: "notice", settings: { text: "连住 3 晚享 9 折，入住当天 18:00 前可免费取消" } },
            { id: "rooms", type: "room-list", settings: { title: "精选房型", limit: 6 } },
            { id: "policy", type: "rich-text", settings: { blocks: [
              { style: "heading", text: "入住须知" },
              { style: "paragraph", text: "入住需出示有效身份证件；押金 200 元，离店时退还。携带宠物请提前联系前台。" },
            ] } },
            { id: "store", type: "store-info", settings: {} },
          ],
        },
        category: { title: "全部房型", sections: [] },
        item: { title: "房型详情", sections: [] },
        booking: {
          title: "预订",
          sections: [
            { id: "dates", type: "booking-bar", settings: { title: "选择日期" } },
            { id: "rooms", type: "room-list", settings: { title: "可订房型" } },
          ],
        },
        profile: {
          title: "我的",
          sections: [{ id: "card", type: "member-card", settings: { title: "会员卡", benefits: ["延迟退房", "免费早餐升级", "会员价 9 折"], cardColor: "#0f3d42" } }],
        },
        store: { title: "酒店信息", sections: [{ id: "info", type: "store-info", settings: {} }] },
      },
    },
    catalog: {
      categories: [
        { id: "standard", name: "标准房" },
        { id: "view", name: "景观房" },
        { id: "suite", name: "套房" },
      ],
      items: [
        {
          id: "king",
          kind: "room",
          categoryId: "standard",
          title: "舒适大床房",
          description: "1.8 米大床，安静朝向内院。",
          priceFen: 32800,
          images: [sampleImage("room-king")],
          details: { capacity: 2, bedType: "1.8 米大床", areaSqm: 25, amenities: ["Wi-Fi", "空调", "淋浴"], breakfast: false, rooms: 8 },
        },
        {
          id: "twin",
          kind: "room",
          categoryId: "standard",
          title: "舒适双床房",
          description: "两张 1.2 米单人床，适合朋友同行。",
          priceFen: 33800,
          images: [sampleImage("room-twin")],
          details: { capacity: 2, bedType: "1.2 米双床", areaSqm: 26, amenities: ["Wi-Fi", "空调", "淋浴"], breakfast: false, rooms: 6 },
        },
        {
          id: "lake-king",
          kind: "room",
          categoryId: "view",
          title: "湖景大床房",
          description: "落地窗正对洱海，含双人早餐。",
          priceFen: 52800,
          images: [sampleImage("room-lake")],
          details: { capacity: 2, bedType: "1.8 米大床", areaSqm: 32, amenities: ["湖景", "浴缸", "Wi-Fi"], breakfast: true, rooms: 4 },
        },
        {
          id: "tatami",
          kind: "room",
          categoryId: "view",
          title: "湖景榻榻米房",
          description: "日式榻榻米，可睡三人。",
          priceFen: 45800,
          images: [sampleImage("room-tatami")],
          details: { capacity: 3, bedType: "榻榻米", areaSqm: 30, amenities: ["湖景", "茶具", "Wi-Fi"], breakfast: true, rooms: 3 },
        },
        {
          id: "family",
          kind: "room",
          categoryId: "suite",
          title: "亲子家庭套房",
          description: "一室一厅，大床加儿童床，含三人早餐。",
          priceFen: 68800,
          images: [sampleImage("room-family")],
          details: { capacity: 4, bedType: "大床 + 儿童床", areaSqm: 48, amenities: ["客厅", "浴缸", "儿童用品"], breakfast: true, rooms: 2 },
        },
        {
          id: "suite",
          kind: "room",
          categoryId: "suite",
          title: "行政湖景套房",
          description: "顶层转角套房，270 度湖景露台。",
          priceFen: 98800,
          images: [sampleImage("room-suite")],
          details: { capacity: 2, bedType: "2 米大床", areaSqm: 65, amenities: ["露台", "浴缸", "迷你吧"], breakfast: true, rooms: 1 },
        },
      ],
    },
  },
});
