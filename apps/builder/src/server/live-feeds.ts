import "server-only";
// The process's one listener for each live page's changes (the order inbox, the kitchen display, the queue, a store's
// platform releases), shared by every open page; kept on globalThis so `next dev` reloads do not open another
// connection each time.
import { KitchenFeed, OrderFeed } from "@kaidian/orders/server";
import { ReleaseFeed } from "@kaidian/publishing/release-feed";
import { QueueFeed } from "@kaidian/queue/server";

const holder = globalThis as typeof globalThis & { kaidianFeeds?: Map<string, unknown> };

function processFeed<Feed>(name: string, open: (databaseUrl: string, onError: (error: Error) => void) => Feed): Feed {
  const feeds = (holder.kaidianFeeds ??= new Map());
  if (!feeds.has(name)) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set; start the dashboard with `npm start`, which provides it.");
    feeds.set(name, open(url, (error) => console.error(`${name}:`, error.message)));
  }
  return feeds.get(name) as Feed;
}

export const orderFeed = () => processFeed("order feed", (url, onError) => new OrderFeed(url, onError));
export const kitchenFeed = () => processFeed("kitchen feed", (url, onError) => new KitchenFeed(url, onError));
export const queueFeed = () => processFeed("queue feed", (url, onError) => new QueueFeed(url, onError));
export const releaseFeed = () => processFeed("release feed", (url, onError) => new ReleaseFeed(url, onError));
