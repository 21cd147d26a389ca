// The overview a merchant reads: a range's days and totals, from the day tables only (never the raw events nor the
// orders), in a few index range reads whatever the store's size.
import { type Database, sql } from "@kaidian/db";
import { averageOrderFen, conversionOf, type DayFigures, type DayRange, eachDay, emptyDay, type Overview, type TopItem } from "../index";

export const TOP_ITEMS = 10;

type DayRow = Omit<DayFigures, "paidFen" | "refundedFen"> & { paidFen: string; refundedFen: string };
type ItemRow = { itemId: string; title: string | null; views: number; paidUnits: number; paidFen: string };

/** A store's overview for the range (inclusive, Asia/Shanghai days). */
export async function readOverview(db: Database, tenantId: string, range: DayRange): Promise<Overview> {
  // Four short transactions, each on its own pooled connection, so the range's distinct visitors (the costliest read,
  // growing with the range) is counted while the days, buyers and items are read beside it, not after them.
  const [days, [visitors], [buyers], items] = await Promise.all([
    db.statements({ tenantId }, (tx) =>
      tx.commitWith<DayRow>(sql`
        SELECT day::text AS day, visitors, page_views AS "pageViews", item_views AS "itemViews", orders, paid_orders AS "paidOrders",
          paid_fen AS "paidFen", refunded_fen AS "refundedFen", buyers, new_buyers AS "newBuyers"
        FROM analytics_days WHERE tenant_id = ${tenantId}::uuid AND day BETWEEN ${range.from}::date AND ${range.to}::date ORDER BY day`),
    ),
    db.statements({ tenantId }, (tx) =>
      tx.commitWith<{ visitors: number }>(sql`SELECT count(DISTINCT visitor_id)::int AS visitors FROM analytics_day_visitors WHERE tenant_id = ${tenantId}::uuid AND day BETWEEN ${range.from}::date AND ${range.to}::date`),
    ),
    db.statements({ tenantId }, (tx) =>
      tx.commitWith<{ buyers: number; newBuyers: number }>(sql`
        SELECT count(DISTINCT shopper_id)::int AS buyers, count(*) FILTER (WHERE first_purchase)::int AS "newBuyers"
        FROM analytics_day_buyers WHERE tenant_id = ${tenantId}::uuid AND day BETWEEN ${range.from}::date AND ${range.to}::date`),
    ),
    db.statements({ tenantId }, (tx) =>
      tx.commitWith<ItemRow>(sql`
        SELECT t.item_id AS "itemId", c.title, t.views::int, t.paid_units::int AS "paidUnits", t.paid_fen AS "paidFen" FROM (
          SELECT item_id, sum(views) AS views, sum(paid_units) AS paid_units, sum(paid_fen) AS paid_fen FROM analytics_day_items
          WHERE tenant_id = ${tenantId}::uuid AND day BETWEEN ${range.from}::date AND ${range.to}::date
          GROUP BY item_id ORDER BY sum(paid_fen) DESC, sum(views) DESC, item_id LIMIT ${TOP_ITEMS}
        ) t LEFT JOIN catalog_items c ON c.tenant_id = ${tenantId}::uuid AND c.id = t.item_id
        ORDER BY t.paid_fen DESC, t.views DESC, t.item_id`),
    ),
  ]);
  const byDay = new Map(days.map((row) => [row.day, { ...row, paidFen: Number(row.paidFen), refundedFen: Number(row.refundedFen) }]));
  const series = eachDay(range).map((day) => byDay.get(day) ?? emptyDay(day));
  const people = { visitors: visitors!.visitors, buyers: buyers!.buyers, newBuyers: buyers!.newBuyers };
  const topItems: TopItem[] = items.map((item) => ({ ...item, paidFen: Number(item.paidFen) }));
  return overviewOf(range, series, people, topItems);
}

/**
 * Several stores' overviews as one (an agency's): days and totals added up. A visitor or shopper belongs to one
 * store's Mini Program, so adding stores' distinct counts counts no one twice.
 */
export function combineOverviews(range: DayRange, overviews: readonly Overview[]): Overview {
  const series = eachDay(range).map((day, index) => {
    const sum = emptyDay(day);
    for (const overview of overviews) {
      const figures = overview.days[index]!;
      for (const key of FIGURES) sum[key] += figures[key];
    }
    return sum;
  });
  const people = { visitors: 0, buyers: 0, newBuyers: 0 };
  for (const { totals } of overviews) {
    people.visitors += totals.visitors;
    people.buyers += totals.buyers;
    people.newBuyers += totals.newBuyers;
  }
  const topItems = overviews
    .flatMap((overview) => overview.topItems)
    .sort((a, b) => b.paidFen - a.paidFen || b.views - a.views)
    .slice(0, TOP_ITEMS);
  return overviewOf(range, series, people, topItems);
}

const FIGURES = ["visitors", "pageViews", "itemViews", "orders", "paidOrders", "paidFen", "refundedFen", "buyers", "newBuyers"] as const;

function overviewOf(range: DayRange, days: DayFigures[], people: { visitors: number; buyers: number; newBuyers: number }, topItems: TopItem[]): Overview {
  const sum = (key: (typeof FIGURES)[number]) => days.reduce((total, day) => total + day[key], 0);
  const totals = {
    visitors: people.visitors,
    pageViews: sum("pageViews"),
    itemViews: sum("itemViews"),
    orders: sum("orders"),
    paidOrders: sum("paidOrders"),
    paidFen: sum("paidFen"),
    refundedFen: sum("refundedFen"),
    buyers: people.buyers,
    newBuyers: people.newBuyers,
    returningBuyers: people.buyers - people.newBuyers,
  };
  return {
    range,
    days,
    totals,
    averageOrderFen: averageOrderFen(totals.paidFen, totals.paidOrders),
    conversion: conversionOf(totals.buyers, totals.visitors),
    topItems,
  };
}
