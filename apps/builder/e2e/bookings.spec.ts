// The hotel's bookings calendar and front desk in a real browser against the real `npm start`: a guest's paid
// booking (written as shop-api writes one, its room held and then sold on its nights) shows in the calendar's room ×
// night grid and in today's arrivals; the owner checks the guest in, which the booking's history records and the
// order inbox shows; the rate calendar counts the room as booked. Screenshots go to test-results/bookings/.
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { Database } from "../../../packages/db/src/database";
import { runningEmbeddedUrl } from "../../../packages/db/src/server/embedded";
import { seedStay } from "../../../packages/orders/src/server/seeded-stays";
import { signUp, uniqueEmail } from "./helpers";
import { appRoot } from "./isolation-surfaces";
import { query } from "./orders-db";

const shots = path.join(appRoot, "test-results/bookings");
const shanghaiDate = (daysAhead: number) => new Date(Date.now() + 8 * 3_600_000 + daysAhead * 86_400_000).toISOString().slice(0, 10);

async function hotelStore(page: Page): Promise<{ store: string; tenantId: string }> {
  await signUp(page, { name: "赵敏", email: uniqueEmail("bookings"), password: "bookings-test-2026", storeName: "洱海边民宿", template: "酒店预订" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  const store = new URL(page.url()).pathname.split("/").at(-1)!;
  const [row] = await query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [store]);
  return { store, tenantId: row!.id };
}

async function book(tenantId: string, room: { id: string; title: string; rooms: number }, guestName: string, nights: number) {
  const url = await runningEmbeddedUrl(path.join(appRoot, ".data/e2e"));
  const db = new Database(url!, { maxConnections: 1 });
  try {
    return await db.scoped({ tenantId }, (tx) =>
      seedStay(tx, tenantId, { itemId: room.id, title: room.title, rooms: room.rooms, checkIn: shanghaiDate(0), checkOut: shanghaiDate(nights), rateFen: 38_800, guestName }),
    );
  } finally {
    await db.disconnect();
  }
}

test("a paid booking shows in the calendar and today's arrivals; the guest is checked in", async ({ page }) => {
  test.setTimeout(180_000);
  const { store, tenantId } = await hotelStore(page);
  const [room] = await query<{ id: string; title: string; rooms: number }>(
    "SELECT id, title, COALESCE((details->>'rooms')::int, 1) AS rooms FROM catalog_items WHERE tenant_id = $1 AND kind = 'ROOM' ORDER BY position, created_at LIMIT 1",
    [tenantId],
  );
  const booking = await book(tenantId, room!, "周芷若", 2);

  await page.getByRole("navigation").getByRole("link", { name: "预订" }).click();
  await expect(page).toHaveURL(new RegExp(`/stores/${store}/bookings$`));
  await expect(page.getByRole("heading", { name: "预订与入住" })).toBeVisible();
  const calendar = page.getByTestId("bookings-calendar");
  const today = shanghaiDate(0);
  const [, month, day] = today.split("-").map(Number);
  const tonight = calendar.getByLabel(`${room!.title} ${month}月${day}日: 已付 1 间，待付款 0 间，剩 ${room!.rooms - 1} 间`);
  await expect(tonight).toContainText(`1/${room!.rooms}`);
  const arrival = page.getByTestId("arrivals").getByRole("listitem").filter({ hasText: "周芷若" });
  await expect(arrival).toContainText(booking.number);
  await expect(arrival).toContainText("待入住");
  await page.screenshot({ path: `${shots}/calendar.png`, fullPage: true });

  await arrival.getByRole("button", { name: "办理入住" }).click();
  await expect(arrival).toContainText("已入住", { timeout: 30_000 });
  await expect(arrival.getByRole("button", { name: "办理入住" })).toHaveCount(0);
  const events = await query<{ action: string; to_status: string; actor_role: string }>("SELECT action, to_status, actor_role FROM order_events WHERE order_id = $1 ORDER BY at", [booking.id]);
  expect(events.map((event) => [event.action, event.to_status, event.actor_role])).toEqual([
    ["place", "pendingPayment", "shopper"],
    ["pay", "paid", "paymentNotification"],
    ["checkIn", "checkedIn", "merchantOwner"],
  ]);
  await page.screenshot({ path: `${shots}/checked-in.png`, fullPage: true });

  // The booking is an order in the inbox, and the rate calendar counts its room as booked.
  await page.getByRole("navigation").getByRole("link", { name: "订单" }).click();
  await expect(page.getByTestId("orders").locator(`tr[data-order="${booking.number}"]`)).toContainText("已入住");
  await page.goto(`/stores/${store}/rates?room=${room!.id}&month=${today.slice(0, 7)}`);
  await expect(page.locator(`[data-date="${today}"]`)).toContainText("已订 1");
});
