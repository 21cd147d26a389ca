// Every page the Mini Program runtime has. A template picks the ones it uses; the generator ships only those.
import { t, type LocalizedText } from "./localized";
import type { TemplateDefinition } from "./template";

export const PAGE_IDS = ["home", "category", "item", "cart", "booking", "order", "profile", "store"] as const;
export type PageId = (typeof PAGE_IDS)[number];

export type PageDefinition = {
  id: PageId;
  /** Path inside the Mini Program package, as listed in app.json `pages`. */
  path: string;
  label: LocalizedText;
  /** The tab bar icon drawn for this page when it is a tab. */
  tabIcon: TabIcon;
};

export const TAB_ICONS = ["home", "category", "cart", "booking", "order", "profile", "store"] as const;
export type TabIcon = (typeof TAB_ICONS)[number];

export const pages: Record<PageId, PageDefinition> = {
  home: { id: "home", path: "pages/home/index", label: t("首页", "Home"), tabIcon: "home" },
  category: { id: "category", path: "pages/category/index", label: t("分类", "Categories"), tabIcon: "category" },
  item: { id: "item", path: "pages/item/index", label: t("详情", "Item details"), tabIcon: "category" },
  cart: { id: "cart", path: "pages/cart/index", label: t("购物车", "Cart"), tabIcon: "cart" },
  booking: { id: "booking", path: "pages/booking/index", label: t("预订", "Booking"), tabIcon: "booking" },
  order: { id: "order", path: "pages/order/index", label: t("点餐", "Order"), tabIcon: "order" },
  profile: { id: "profile", path: "pages/profile/index", label: t("我的", "Me"), tabIcon: "profile" },
  store: { id: "store", path: "pages/store/index", label: t("门店", "Store"), tabIcon: "store" },
};

/**
 * The trading pages: checkout, the shopper's orders and one order. They hold no sections and are not in the
 * config, so the editor never lists them; a store ships them when its lines become orders: a store with a cart, a
 * restaurant (its takeaways are checked out, paid and collected by their pickup number), and a hotel (its bookings,
 * without the checkout).
 */
export const TRADE_PAGE_IDS = ["checkout", "orders", "order-detail"] as const;
export type TradePageId = (typeof TRADE_PAGE_IDS)[number];

export const tradePages: Record<TradePageId, { id: TradePageId; path: string; label: LocalizedText }> = {
  checkout: { id: "checkout", path: "pages/checkout/index", label: t("确认订单", "Checkout") },
  orders: { id: "orders", path: "pages/orders/index", label: t("我的订单", "My orders") },
  "order-detail": { id: "order-detail", path: "pages/order-detail/index", label: t("订单详情", "Order details") },
};

/** The trading pages a template's package ships (the runtime's lib/links.js hasTradePages is the same rule). */
export function tradePagesOf(template: TemplateDefinition): readonly TradePageId[] {
  if (template.pages.some((page) => page.id === "cart" || page.id === "order")) return TRADE_PAGE_IDS;
  // A hotel's bookings are orders: booked on its booking page, then listed and paid or cancelled on these.
  if (template.pages.some((page) => page.id === "booking")) return ["orders", "order-detail"];
  return [];
}
