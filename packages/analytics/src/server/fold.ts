// Folding orders into the day tables. Orders change long after they are placed (paid, refunded), so the fold finds
// the stores whose orders changed in a window of updated_at and re-counts, from the orders themselves, every day
// those orders touch (placed, paid, refunded): re-counting a day is idempotent, so a window folded twice is harmless.
// The window ends FOLD_LAG_MS before now: a transaction stamps updated_at before it commits, and none lasts that
// long, so no change can appear in a window already folded.
//
// Definitions: an order counts on the day it was placed (every kind: shop orders, bookings, table bills, takeaways;
// paid or not); its payment (paid_fen, integer fen) on the day it was paid; a refund on the day WeChat Pay settled it
// (refunds with status success), never taken back from the day of payment, so a day's paid amount does not change
// once the day is over. A buyer is a shopper who paid that day; new when they had never paid this store before.
import { type Database, sql, type SqlTransaction } from "@kaidian/db";

export const FOLD_LAG_MS = 60_000;

/** Re-counts the order figures of a store for the days its orders changed in [since, until) touch; answers those days. */
export async function foldStore(db: Database, tenantId: string, since: Date, until: Date): Promise<string[]> {
  return db.statements({ tenantId }, async (tx) => {
    // Two workers folding one store take turns: re-counting is idempotent, replacing a day's buyers is not concurrent-safe.
    await tx.rows(sql`SELECT pg_advisory_xact_lock(hashtext('analytics.fold:' || ${tenantId}))`);
    const touched = await tx.rows<{ day: string }>(sql`
      WITH changed AS (
        SELECT id, created_at, paid_at FROM orders
        WHERE tenant_id = ${tenantId}::uuid AND updated_at >= ${since}::timestamptz AND updated_at < ${until}::timestamptz
      )
      SELECT DISTINCT day::text FROM (
        SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date AS day FROM changed
        UNION SELECT (paid_at AT TIME ZONE 'Asia/Shanghai')::date FROM changed WHERE paid_at IS NOT NULL
        UNION SELECT (r.settled_at AT TIME ZONE 'Asia/Shanghai')::date FROM refunds r JOIN changed c ON r.order_id = c.id
          WHERE r.tenant_id = ${tenantId}::uuid AND r.status = 'success' AND r.settled_at IS NOT NULL
      ) days ORDER BY 1`);
    const days = touched.map((row) => row.day);
    if (days.length === 0) return days;
    await recountDays(tx, tenantId, days);
    return days;
  });
}

/**
 * The days' order figures, from the orders: the day's buyers replaced, then the day rows, then the items' paid
 * units (rows locked day first, items by id, as recording events does).
 */
async function recountDays(tx: SqlTransaction, tenantId: string, days: string[]): Promise<void> {
  await tx.rows(sql`DELETE FROM analytics_day_buyers WHERE tenant_id = ${tenantId}::uuid AND day = ANY(${days}::date[])`);
  // A day's bounds are instants: midnight to midnight in Asia/Shanghai, so the (tenant_id, paid_at) index is used.
  await tx.rows(sql`
    INSERT INTO analytics_day_buyers (tenant_id, day, shopper_id, first_purchase)
    SELECT DISTINCT ON (b.day, o.shopper_id) ${tenantId}::uuid, b.day, o.shopper_id,
      NOT EXISTS (SELECT 1 FROM orders p WHERE p.tenant_id = ${tenantId}::uuid AND p.shopper_id = o.shopper_id AND p.paid_at < b.starts)
    FROM (SELECT d AS day, d::timestamp AT TIME ZONE 'Asia/Shanghai' AS starts, (d + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS ends
          FROM unnest(${days}::date[]) AS d) b
    JOIN orders o ON o.tenant_id = ${tenantId}::uuid AND o.paid_at >= b.starts AND o.paid_at < b.ends
    ORDER BY b.day, o.shopper_id`);
  await tx.rows(sql`
    INSERT INTO analytics_days AS d (tenant_id, day, orders, paid_orders, paid_fen, refunded_fen, buyers, new_buyers)
    SELECT ${tenantId}::uuid, b.day,
      (SELECT count(*) FROM orders o WHERE o.tenant_id = ${tenantId}::uuid AND o.created_at >= b.starts AND o.created_at < b.ends),
      paid.orders, paid.fen,
      (SELECT coalesce(sum(r.amount_fen), 0) FROM refunds r
        WHERE r.tenant_id = ${tenantId}::uuid AND r.status = 'success' AND r.settled_at >= b.starts AND r.settled_at < b.ends),
      (SELECT count(*) FROM analytics_day_buyers x WHERE x.tenant_id = ${tenantId}::uuid AND x.day = b.day),
      (SELECT count(*) FROM analytics_day_buyers x WHERE x.tenant_id = ${tenantId}::uuid AND x.day = b.day AND x.first_purchase)
    FROM (SELECT d AS day, d::timestamp AT TIME ZONE 'Asia/Shanghai' AS starts, (d + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS ends
          FROM unnest(${days}::date[]) AS d) b
    CROSS JOIN LATERAL (SELECT count(*) AS orders, coalesce(sum(o.paid_fen), 0) AS fen FROM orders o
      WHERE o.tenant_id = ${tenantId}::uuid AND o.paid_at >= b.starts AND o.paid_at < b.ends) paid
    ORDER BY b.day
    ON CONFLICT (tenant_id, day) DO UPDATE SET orders = EXCLUDED.orders, paid_orders = EXCLUDED.paid_orders, paid_fen = EXCLUDED.paid_fen,
      refunded_fen = EXCLUDED.refunded_fen, buyers = EXCLUDED.buyers, new_buyers = EXCLUDED.new_buyers`);
  // Items paid for before but not any more on these days go back to zero; the rest take the fresh sums.
  await tx.rows(sql`
    INSERT INTO analytics_day_items AS i (tenant_id, day, item_id, paid_units, paid_fen)
    SELECT ${tenantId}::uuid, day, item_id, sum(units), sum(fen) FROM (
      SELECT day, item_id, 0 AS units, 0 AS fen FROM analytics_day_items
        WHERE tenant_id = ${tenantId}::uuid AND day = ANY(${days}::date[]) AND (paid_units > 0 OR paid_fen > 0)
      UNION ALL
      SELECT b.day, l.item_id, l.quantity, l.line_total_fen
      FROM (SELECT d AS day, d::timestamp AT TIME ZONE 'Asia/Shanghai' AS starts, (d + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS ends
            FROM unnest(${days}::date[]) AS d) b
      JOIN orders o ON o.tenant_id = ${tenantId}::uuid AND o.paid_at >= b.starts AND o.paid_at < b.ends
      JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id
    ) counted GROUP BY day, item_id ORDER BY day, item_id
    ON CONFLICT (tenant_id, day, item_id) DO UPDATE SET paid_units = EXCLUDED.paid_units, paid_fen = EXCLUDED.paid_fen`);
}

/**
 * One pass of the worker: folds every store whose orders changed since the watermark, up to FOLD_LAG_MS ago, then
 * moves the watermark. Answers how many stores it folded. A pass that fails leaves the watermark, so the next
 * pass folds the same window again.
 */
export async function foldOrders(db: Database, options: { now?: Date; lagMs?: number } = {}): Promise<number> {
  const until = new Date((options.now ?? new Date()).getTime() - (options.lagMs ?? FOLD_LAG_MS));
  const { since, stores } = await db.analyticsFold(async (tx) => {
    const [fold] = await tx.$queryRaw<{ folded_until: Date }[]>`SELECT folded_until FROM analytics_fold`;
    const since = fold!.folded_until;
    if (since >= until) return { since, stores: [] };
    const changed = await tx.$queryRaw<{ id: string }[]>`SELECT analytics_changed_stores(${since}, ${until}) AS id`;
    return { since, stores: changed.map((row) => row.id) };
  });
  if (since >= until) return 0;
  for (const tenantId of stores) await foldStore(db, tenantId, since, until);
  await db.analyticsFold((tx) => tx.$executeRaw`UPDATE analytics_fold SET folded_until = GREATEST(folded_until, ${until})`);
  return stores.length;
}

export type AnalyticsFold = { stop(): Promise<void> };

/** Folds every `pollMs` until stopped; a failed pass is logged and retried at the next. */
export function startAnalyticsFold(options: { db: Database; pollMs: number; log: (line: string) => void }): AnalyticsFold {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const pass = () => {
    running = foldOrders(options.db).then(
      (stores) => {
        if (stores > 0) options.log(`analytics: folded the orders of ${stores} store(s)`);
      },
      (error: Error) => options.log(`analytics: fold failed, retried in ${options.pollMs} ms: ${error.message}`),
    );
    void running.then(() => {
      if (!stopped) timer = setTimeout(pass, options.pollMs);
    });
  };
  pass();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
