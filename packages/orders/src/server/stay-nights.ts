// The rooms hotel bookings take, counted on the room type's nights (room_nights.held while awaiting payment,
// .sold once paid). Every change is ONE conditional statement over the stay's nights, so however many shoppers book
// at once the last room goes to one of them, and a booking takes all its nights or none.
import { MAX_ROOMS } from "@kaidian/catalog/server";
import type { Transaction } from "@kaidian/db";
import type { OrderAction } from "../lifecycle";

export type StayNightsRef = { tenantId: string; itemId: string; checkIn: string; checkOut: string };

export type Hold = { ok: true } | { ok: false; date: string; closed: boolean };

/**
 * Holds one room of the type on every night of the stay, or reports the first night that has none. A night without
 * a row is inserted with MAX_ROOMS offered (capped by the type's `rooms` wherever it is read, so it still follows the
 * room count the merchant sets later) and one held; a night with a row is taken only while
 * least(offered, rooms) - held - sold leaves one. Concurrent holds of one night queue on its row (or its insert) and
 * each re-checks the condition on the newest version; rows are taken in date order, so overlapping stays never
 * deadlock. Nights it could not take are returned by the same statement; the caller rolls the transaction back so
 * the nights it did take are released with it.
 */
export async function holdNights(tx: Transaction, stay: StayNightsRef, rooms: number): Promise<Hold> {
  const missed = await tx.$queryRaw<{ date: string; offered: number | null }[]>`
    WITH wanted AS (
      SELECT night::date AS date FROM generate_series(${stay.checkIn}::date, ${stay.checkOut}::date - 1, interval '1 day') AS night
    ), taken AS (
      INSERT INTO room_nights AS n (tenant_id, item_id, date, rate_fen, available, held, updated_at)
      SELECT ${stay.tenantId}::uuid, ${stay.itemId}::uuid, wanted.date, NULL, ${MAX_ROOMS}::int, 1, now() FROM wanted ORDER BY wanted.date
      ON CONFLICT (tenant_id, item_id, date) DO UPDATE SET held = n.held + 1, updated_at = now()
        WHERE least(n.available, ${rooms}::int) - n.held - n.sold >= 1
      RETURNING n.date
    )
    SELECT to_char(wanted.date, 'YYYY-MM-DD') AS date, least(r.available, ${rooms}::int) AS offered
    FROM wanted LEFT JOIN room_nights r ON r.tenant_id = ${stay.tenantId}::uuid AND r.item_id = ${stay.itemId}::uuid AND r.date = wanted.date
    WHERE wanted.date NOT IN (SELECT date FROM taken)
    ORDER BY wanted.date`;
  const first = missed[0];
  return first ? { ok: false, date: first.date, closed: first.offered === 0 } : { ok: true };
}

/** How each order change moves a stay's room on its nights: from held to sold, or back to the hotel. */
const MOVES: Partial<Record<OrderAction, { held: number; sold: number }>> = {
  pay: { held: -1, sold: 1 },
  cancel: { held: -1, sold: 0 },
  expire: { held: -1, sold: 0 },
  // A paid booking the guest cancels is sold again; a no-show's nights stay sold (the hotel kept the room).
  cancelStay: { held: 0, sold: -1 },
};

/** Moves the order's stay (if it is a booking) on its nights as `action` means, under changeOrder's order lock. */
export async function moveStayNights(tx: Transaction, orderId: string, action: OrderAction): Promise<void> {
  const move = MOVES[action];
  if (!move) return;
  await tx.$executeRaw`
    UPDATE room_nights n SET held = n.held + ${move.held}::int, sold = n.sold + ${move.sold}::int, updated_at = now()
    FROM stays s
    WHERE s.order_id = ${orderId}::uuid AND n.tenant_id = s.tenant_id AND n.item_id = s.item_id
      AND n.date >= s.check_in AND n.date < s.check_out`;
}
