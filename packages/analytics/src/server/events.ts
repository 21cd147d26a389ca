// Recording what shoppers looked at: ONE statement writes the batch's events and keeps the day tables in step
// (each visitor once a day, views per day and item), so the figures never need the raw events and a batch is
// counted wholly or not at all. Rows are locked in one order (the day's visitors, the day, then its items by id) so
// concurrent batches of a store wait for each other instead of deadlocking.
import { type Database, sql } from "@kaidian/db";
import type { EventBatch } from "../index";

export type RecordEventsInput = { tenantId: string; shopperId: string | null; batch: EventBatch; now?: Date };

/** Records the batch in the store's scope; answers how many events were kept. */
export async function recordEvents(db: Database, input: RecordEventsInput): Promise<number> {
  const { tenantId, shopperId, batch } = input;
  const now = input.now ?? new Date();
  const kinds = batch.events.map((event) => event.kind);
  const pages = batch.events.map((event) => event.page);
  const items = batch.events.map((event) => (event.kind === "itemView" ? event.itemId : null));
  const ages = batch.events.map((event) => event.ageMs);
  const [row] = await db.statements({ tenantId }, (tx) =>
    tx.commitWith<{ kept: number }>(sql`
      WITH dated AS (
        SELECT b.kind, b.page, b.item_id, e.at, (e.at AT TIME ZONE 'Asia/Shanghai')::date AS day
        FROM unnest(${kinds}::text[], ${pages}::text[], ${items}::uuid[], ${ages}::int[]) AS b(kind, page, item_id, age_ms)
        CROSS JOIN LATERAL (SELECT ${now}::timestamptz - b.age_ms * interval '1 millisecond' AS at) e
      ), recorded AS (
        INSERT INTO analytics_events (tenant_id, at, visitor_id, shopper_id, kind, page, item_id)
        SELECT ${tenantId}::uuid, at, ${batch.visitorId}::uuid, ${shopperId}::uuid, kind, page, item_id FROM dated
        RETURNING 1
      ), seen AS (
        INSERT INTO analytics_day_visitors (tenant_id, day, visitor_id)
        SELECT DISTINCT ${tenantId}::uuid, day, ${batch.visitorId}::uuid FROM dated ORDER BY 2
        ON CONFLICT DO NOTHING
        RETURNING day
      ), counted AS (
        INSERT INTO analytics_days AS d (tenant_id, day, visitors, page_views, item_views)
        SELECT ${tenantId}::uuid, dated.day, (SELECT count(*) FROM seen WHERE seen.day = dated.day),
          count(*) FILTER (WHERE kind = 'pageView'), count(*) FILTER (WHERE kind = 'itemView')
        FROM dated GROUP BY dated.day ORDER BY dated.day
        ON CONFLICT (tenant_id, day) DO UPDATE SET visitors = d.visitors + EXCLUDED.visitors,
          page_views = d.page_views + EXCLUDED.page_views, item_views = d.item_views + EXCLUDED.item_views
      ), viewed AS (
        INSERT INTO analytics_day_items AS i (tenant_id, day, item_id, views)
        SELECT ${tenantId}::uuid, day, item_id, count(*) FROM dated WHERE kind = 'itemView'
        GROUP BY day, item_id ORDER BY day, item_id
        ON CONFLICT (tenant_id, day, item_id) DO UPDATE SET views = i.views + EXCLUDED.views
      )
      SELECT (SELECT count(*) FROM recorded)::int AS kept`),
  );
  return row!.kept;
}

/**
 * Rebuilds a store's view figures for the given days from its raw events: for an operator after a data repair, and
 * for seeding figures in bulk (the benchmark). Locks as recording does, so batches arriving meanwhile still count.
 */
export async function rebuildViewDays(db: Database, tenantId: string, days: readonly string[]): Promise<void> {
  await db.statements({ tenantId }, async (tx) => {
    await tx.rows(sql`SELECT pg_advisory_xact_lock(hashtext('analytics.fold:' || ${tenantId}))`);
    await tx.rows(sql`DELETE FROM analytics_day_visitors WHERE tenant_id = ${tenantId}::uuid AND day = ANY(${days}::date[])`);
    await tx.rows(sql`
      INSERT INTO analytics_day_visitors (tenant_id, day, visitor_id)
      SELECT DISTINCT tenant_id, (at AT TIME ZONE 'Asia/Shanghai')::date, visitor_id FROM analytics_events
      WHERE tenant_id = ${tenantId}::uuid AND (at AT TIME ZONE 'Asia/Shanghai')::date = ANY(${days}::date[])`);
    await tx.rows(sql`
      INSERT INTO analytics_days AS d (tenant_id, day, visitors, page_views, item_views)
      SELECT ${tenantId}::uuid, wanted.day,
        (SELECT count(*) FROM analytics_day_visitors v WHERE v.tenant_id = ${tenantId}::uuid AND v.day = wanted.day),
        coalesce(e.page_views, 0), coalesce(e.item_views, 0)
      FROM unnest(${days}::date[]) AS wanted(day)
      LEFT JOIN (
        SELECT (at AT TIME ZONE 'Asia/Shanghai')::date AS day, count(*) FILTER (WHERE kind = 'pageView') AS page_views,
          count(*) FILTER (WHERE kind = 'itemView') AS item_views
        FROM analytics_events WHERE tenant_id = ${tenantId}::uuid AND (at AT TIME ZONE 'Asia/Shanghai')::date = ANY(${days}::date[]) GROUP BY 1
      ) e ON e.day = wanted.day
      ORDER BY wanted.day
      ON CONFLICT (tenant_id, day) DO UPDATE SET visitors = EXCLUDED.visitors, page_views = EXCLUDED.page_views, item_views = EXCLUDED.item_views`);
    await tx.commitWith(sql`
      INSERT INTO analytics_day_items AS i (tenant_id, day, item_id, views)
      SELECT ${tenantId}::uuid, day, item_id, sum(views) FROM (
        SELECT day, item_id, 0 AS views FROM analytics_day_items WHERE tenant_id = ${tenantId}::uuid AND day = ANY(${days}::date[]) AND views > 0
        UNION ALL
        SELECT (at AT TIME ZONE 'Asia/Shanghai')::date, item_id, 1 FROM analytics_events
        WHERE tenant_id = ${tenantId}::uuid AND kind = 'itemView' AND (at AT TIME ZONE 'Asia/Shanghai')::date = ANY(${days}::date[])
      ) counted GROUP BY day, item_id ORDER BY day, item_id
      ON CONFLICT (tenant_id, day, item_id) DO UPDATE SET views = EXCLUDED.views`);
  });
}
