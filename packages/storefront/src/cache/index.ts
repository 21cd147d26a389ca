export { ByteLru } from "./byte-lru";
export { ShopCache, type Answer, type Ready, type ShopCacheOptions } from "./shop-cache";
export { ChangeFeed, CHANGES_CHANNEL, type ChangeFeedOptions, type ChangeTarget } from "./change-feed";
