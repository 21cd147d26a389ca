// A room type's nights as shoppers see them: the rate and rooms left for each date of a stay, for a visible room
// of a live store. What the booking page totals and where it finds sold-out nights.
import { findRoom, nightsBetween, RoomNightsError } from "@kaidian/catalog/server";
import type { Database } from "@kaidian/db";
import { inLiveStore } from "./live-store";
import type { NightsQuery, NightsResponse } from "./schemas";

/**
 * Nights `from`..`to` (both included) of the store's visible room `itemId`: `null` for a store that is not live,
 * `{ nights: null }` for a room it does not show (missing, hidden, another store's, or not a room).
 */
export function loadPublishedNights(
  db: Database,
  tenantId: string,
  itemId: string,
  query: NightsQuery,
): Promise<{ nights: NightsResponse["nights"] | null } | null> {
  return inLiveStore(db, tenantId, async (tx) => {
    const room = await findRoom(tx, itemId).catch((error: unknown) => {
      if (error instanceof RoomNightsError) return null;
      throw error;
    });
    if (!room || !(await tx.catalogItem.count({ where: { id: room.id, visible: true } }))) return { nights: null };
    const nights = await nightsBetween(tx, room, query.from, query.to);
    return { nights: nights.map(({ date, rateFen, available }) => ({ date, rateFen, available })) };
  });
}
