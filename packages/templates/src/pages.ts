// Every page the Mini Program runtime has. A template picks the ones it uses; the generator ships only those.
import { t, type LocalizedText } from "./localized";

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
