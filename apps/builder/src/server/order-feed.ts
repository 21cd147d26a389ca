import "server-only";
// The process's one listener for order changes (@kaidian/orders/server OrderFeed), shared by every open inbox; kept on
// globalThis so `next dev` reloads do not open another connection each time.
import { OrderFeed } from "@kaidian/orders/server";

const holder = globalThis as typeof globalThis & { kaidianOrderFeed?: OrderFeed };

export function orderFeed(): OrderFeed {
  if (!holder.kaidianOrderFeed) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set; start the dashboard with `npm start`, which provides it.");
    holder.kaidianOrderFeed = new OrderFeed(url, (error) => console.error("order feed:", error.message));
  }
  return holder.kaidianOrderFeed;
}
