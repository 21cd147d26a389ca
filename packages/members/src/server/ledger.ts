// The one way a member's points change: ONE statement moves the balance and writes its ledger row, so the balance is
// always the sum of the ledger and no change is ever without its reason. Spend (which decides the level) moves in
// the same statement when a payment or refund changes it.
import { Prisma, type Transaction } from "@kaidian/db";
import type { PointsReason } from "../views";

export type PointsChange = {
  tenantId: string;
  /** The member, by id or by their shopper. */
  member: { id: string } | { shopperId: string };
  change: number;
  reason: PointsReason;
  orderId?: string | null;
  note?: string;
  actorId?: string | null;
  /** Added to the member's spend (negative for a refund); never below zero. */
  spentFen?: number;
  /** Refuse (change nothing) when the balance would go below zero: redeeming and staff deductions. */
  keepNonNegative?: boolean;
  at?: Date;
};

/** The member's new balance, or null when there is no such member or the balance would go below zero. */
export async function changePoints(tx: Transaction, input: PointsChange): Promise<{ memberId: string; balance: number } | null> {
  const { tenantId, change } = input;
  const spent = input.spentFen ?? 0;
  const at = input.at ?? new Date();
  const which = "id" in input.member ? Prisma.sql`id = ${input.member.id}::uuid` : Prisma.sql`shopper_id = ${input.member.shopperId}::uuid`;
  const rows = await tx.$queryRaw<{ id: string; points: number }[]>`
    WITH m AS (
      UPDATE members SET points = points + ${change}::int, spent_fen = greatest(spent_fen + ${spent}::int, 0)
      WHERE tenant_id = ${tenantId}::uuid AND ${which} AND (${!input.keepNonNegative} OR points + ${change}::int >= 0)
      RETURNING tenant_id, id, points
    ), entry AS (
      INSERT INTO point_entries (tenant_id, member_id, change, balance, reason, order_id, note, actor_id, at)
      SELECT tenant_id, id, ${change}::int, points, ${input.reason}, ${input.orderId ?? null}::uuid, ${input.note ?? ""}, ${input.actorId ?? null}::uuid, ${at}::timestamptz
      FROM m WHERE ${change}::int <> 0
    )
    SELECT id, points FROM m`;
  const row = rows[0];
  return row ? { memberId: row.id, balance: row.points } : null;
}

/** What an order has moved so far, by reason (earned positive, redeemed negative, ...). */
export async function orderPoints(tx: Transaction, orderId: string): Promise<Record<PointsReason, number>> {
  const rows = await tx.pointEntry.groupBy({ by: ["reason"], where: { orderId }, _sum: { change: true } });
  const sums: Record<PointsReason, number> = { earned: 0, redeemed: 0, reversed: 0, returned: 0, adjusted: 0 };
  for (const row of rows) sums[row.reason as PointsReason] = row._sum.change ?? 0;
  return sums;
}
