import "server-only";
import { Database } from "@kaidian/db";

// One pool per server process; kept on globalThis so `next dev` reloads do not open a new pool each time.
const holder = globalThis as typeof globalThis & { kaidianDatabase?: Database };

export function database(): Database {
  if (!holder.kaidianDatabase) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set; start the dashboard with `npm start`, which provides it.");
    holder.kaidianDatabase = new Database(url);
  }
  return holder.kaidianDatabase;
}
