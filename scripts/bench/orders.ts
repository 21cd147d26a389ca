// `npm run bench:orders`: a flash sale. 1,000 logged-in shoppers at 100 connections each order one unit of an item
// with 100 in stock, through a real shop-api process on an embedded PostgreSQL. Exactly 100 orders must be placed,
// none oversold, and the other 900 told it is sold out. Prints order requests answered per second, orders placed
// per second, and the latency (p50, p99) of all 1,000 requests. Targets on this machine: >= 300 orders/s,
// p99 <= 250 ms. The phones order as the runtime does (`Prefer: payment=separate`): placing answers once the order
// is committed, and then each of the 100 asks for its payment (POST /orders/:id/payment, WeChat Pay's prepay and
// the signed wx.requestPayment parameters), with figures of their own; WeChat Pay then takes every payment, checking
// each paySign, and notifies. The orders go over 100 keep-alive connections opened before anything is measured, as
// the HTTPS proxy's in front of shop-api are, each request's bytes made beforehand (see openConnections); the
// payments through autocannon. The phones' own CPU is printed: they share the machine's two cores. shop-api runs in
// a process of its own with its default limits. Before the sale, shop-api takes the orders of 300 other shoppers for
// another item (50 in stock), so the sale meets a process that has been serving, as a sale announced in advance does,
// rather than one started a moment before.
// BENCH_CPU_PROF_DIR=<dir> writes shop-api's CPU profile there.
import os from "node:os";
import { arrangeProduct, arrangeTradingStore } from "@kaidian/orders/testing";
import { ShopperTokens } from "@kaidian/orders/server";
import type { FakeRequestPayment } from "@kaidian/payments/testing";
import { answersLine, arrangeShoppers, autocannon, openConnections, say, tradingBench, type ShopApiProcess } from "./support";

const SHOPPERS = 1000;
const WARM_UP_SHOPPERS = 300;
const CONNECTIONS = 100;
const STOCK = 100;
const PRICE_FEN = 9900;

const bench = await tradingBench("orders", { maxConnections: 4 });
const { db, admin, masterKey, pay, serviceProvider } = bench;

/** A placed order, its payment number, and its shopper's token. */
type PlacedOrder = { id: string; paymentNo: string; bearer: string };

/**
 * The sale's second half, as the phones do it: each shopper whose order was placed asks for its payment, at the
 * sale's connections; WeChat Pay then takes the money with those very parameters (the fake checks each paySign)
 * and notifies shop-api, each notification then replayed once, as WeChat Pay resends; every order must end paid
 * exactly once.
 */
async function payPlacedOrders(shopApi: ShopApiProcess, tenantId: string, orders: PlacedOrder[]): Promise<boolean> {
  const payments = new Map<string, FakeRequestPayment>();
  const answers = new Map<number, number>();
  let next = 0;
  let lastAnsweredAt = 0;
  const cpuBefore = await shopApi.cpuSeconds();
  const started = Date.now();
  const asked = await autocannon({
    url: shopApi.url,
    connections: Math.min(CONNECTIONS, orders.length),
    amount: orders.length,
    requests: [
      {
        method: "POST",
        // A connection sends its next request only once answered, so its context names the order being answered.
        setupRequest: (request: object, context: { order?: PlacedOrder }) => {
          const order = orders[next++ % orders.length]!;
          context.order = order;
          return { ...request, path: `/api/mp/v1/${tenantId}/orders/${order.id}/payment`, headers: { Authorization: `Bearer ${order.bearer}` } };
        },
        onResponse: (status: number, text: string, context: { order?: PlacedOrder }) => {
          answers.set(status, (answers.get(status) ?? 0) + 1);
          lastAnsweredAt = Date.now();
          if (status === 200 && context.order) payments.set(context.order.id, (JSON.parse(text) as { payment: FakeRequestPayment }).payment);
        },
      },
    ],
  });
  // Not autocannon's duration, which it rounds up to its next 1 s tick.
  const askSeconds = (lastAnsweredAt - started) / 1000;
  const cpu = (await shopApi.cpuSeconds()) - cpuBefore;
  say(`  payments asked (POST /orders/:id/payment): ${[...answers].map(([status, count]) => `${count} × ${status}`).join(", ")}; ${(orders.length / askSeconds).toFixed(0)}/s over ${askSeconds.toFixed(2)} s; p50 ${asked.latency.p50} ms, p99 ${asked.latency.p99} ms; shop-api CPU ${((cpu * 1000) / orders.length).toFixed(2)} ms per payment`);

  const paidStarted = Date.now();
  const notifications: string[] = [];
  const unpaid: string[] = [];
  for (const order of orders) {
    // WeChat Pay's sheet with the parameters shop-api signed for this order: the fake refuses any other prepay_id or sign.
    const requestPayment = payments.get(order.id);
    try {
      if (!requestPayment) throw new Error(`no payment for order ${order.id}`);
      notifications.push(pay.pay(order.paymentNo, { requestPayment }).notificationId);
    } catch {
      unpaid.push(order.id);
    }
  }
  await pay.idle();
  const replays = await Promise.all(notifications.map((id) => pay.replayNotification(id)));
  const [counts] = (
    await admin.query<{ paid: number; pay_events: number }>(
      `SELECT (SELECT count(*)::int FROM orders WHERE tenant_id = $1 AND status = 'paid' AND paid_fen = total_fen) AS paid,
              (SELECT count(*)::int FROM order_events WHERE tenant_id = $1 AND action = 'pay') AS pay_events`,
      [tenantId],
    )
  ).rows as [{ paid: number; pay_events: number }];
  say(`  paid through the fake WeChat Pay: ${counts.paid} of ${orders.length} orders paid, ${counts.pay_events} payments recorded (${counts.pay_events - counts.paid} counted twice) in ${((Date.now() - paidStarted) / 1000).toFixed(2)} s; every notification replayed once, answered ${[...new Set(replays)].join(", ")}`);
  return answers.get(200) === orders.length && payments.size === orders.length && unpaid.length === 0 && counts.paid === orders.length && counts.pay_events === orders.length;
}

try {
  say(`orders benchmark: ${os.cpus().length} cores, Node ${process.version}; ${SHOPPERS} shoppers, ${CONNECTIONS} connections, ${STOCK} in stock`);
  const store = await arrangeTradingStore(db, { name: "秒杀小店", masterKey, serviceProvider });
  const item = await arrangeProduct(db, store.tenantId, { title: "限量款", priceFen: PRICE_FEN, stock: STOCK });
  const everyone = await arrangeShoppers(admin, masterKey, store.tenantId, SHOPPERS + WARM_UP_SHOPPERS);
  const bearers = everyone.slice(0, SHOPPERS);
  const shopApi = await bench.startShopApi();
  const { url } = shopApi;
  // The store is read once into the process's cache, as any first shopper would.
  if (!(await fetch(`${url}/api/mp/v1/${store.tenantId}/ordering`)).ok) throw new Error("the store is not live");

  const orderOf = (ordered: { id: string; options: string[][] }) =>
    JSON.stringify({
      lines: [{ itemId: ordered.id, skuOptions: ordered.options[0], quantity: 1, seenUnitPriceFen: PRICE_FEN }],
      delivery: { method: "express", address: { name: "王小明", phone: "13800000000", province: "浙江省", city: "杭州市", detail: "文三路 1 号" } },
    });
  const earlier = await arrangeProduct(db, store.tenantId, { title: "日常款", priceFen: PRICE_FEN, stock: 50 });
  const phones = await openConnections(url, CONNECTIONS);
  const warmUp = await phones.post({
    path: `/api/mp/v1/${store.tenantId}/orders`,
    bearers: everyone.slice(SHOPPERS),
    body: orderOf(earlier),
    headers: { Prefer: "payment=separate" },
  });
  say(`  before the sale, another item: ${answersLine(warmUp)}`);
  const body = orderOf(item);
  const soldOutWords = new Set<string>();
  let paidInPlacing = 0;
  const cpuBefore = await shopApi.cpuSeconds();
  const phonesCpuBefore = process.cpuUsage();
  const started = Date.now();
  const sale = await phones.post({
    path: `/api/mp/v1/${store.tenantId}/orders`,
    bearers,
    body,
    headers: { Prefer: "payment=separate" },
    onAnswer: (status, text) => {
      // Placing answered without WeChat Pay: the payment is the phone's next request.
      if (status === 201 && (JSON.parse(text) as { payment: unknown }).payment !== null) paidInPlacing++;
      if (status === 409) {
        const refusal = (JSON.parse(text) as { error: { refusals?: { code: string; left: number; message: string }[] } }).error.refusals?.[0];
        soldOutWords.add(refusal && refusal.code === "notEnoughStock" && refusal.left === 0 ? refusal.message : `unclear: ${text}`);
      }
    },
  });
  const phonesCpu = process.cpuUsage(phonesCpuBefore);
  phones.close();
  const { result, answers, lastCreatedAt: lastPlacedAt, lastAnsweredAt } = sale;

  const shopApiCpu = (await shopApi.cpuSeconds()) - cpuBefore;
  const [{ placed, units, stock }] = (
    await admin.query<{ placed: number; units: number; stock: number }>(
      `SELECT (SELECT count(DISTINCT order_id)::int FROM order_lines WHERE tenant_id = $1 AND item_id = $2) AS placed,
              (SELECT coalesce(sum(quantity), 0)::int FROM order_lines WHERE item_id = $2) AS units,
              (SELECT (details #>> '{skus,0,stock}')::int FROM catalog_items WHERE id = $2) AS stock`,
      [store.tenantId, item.id],
    )
  ).rows as [{ placed: number; units: number; stock: number }];
  const seconds = (lastAnsweredAt - started) / 1000;
  say(`  ${answersLine(sale)}`);
  say(`  placed ${placed} orders for ${units} units; stock left ${stock}; oversold ${Math.max(0, units - STOCK)}`);
  say(`  sold-out answers say: ${[...soldOutWords].join(" | ")}`);
  say(`  order requests answered: ${(SHOPPERS / seconds).toFixed(0)}/s over ${seconds.toFixed(2)} s`);
  say(`  orders placed: ${(placed / ((lastPlacedAt - started) / 1000)).toFixed(0)}/s (the ${placed} in ${((lastPlacedAt - started) / 1000).toFixed(2)} s)`);
  say(`  shop-api CPU: ${((shopApiCpu * 1000) / SHOPPERS).toFixed(2)} ms per order request (${shopApiCpu.toFixed(2)} s in all); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  say(`  the phones' CPU (this process, on the same cores): ${((phonesCpu.user + phonesCpu.system) / 1000 / SHOPPERS).toFixed(2)} ms per order request`);
  say(`  latency of all ${SHOPPERS} requests: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (targets: >= 300 orders/s, p99 <= 250 ms)`);
  const right =
    placed === STOCK && units === STOCK && stock === 0 && answers.get(201) === STOCK && answers.get(409) === SHOPPERS - STOCK && soldOutWords.size === 1 && paidInPlacing === 0;
  say(right ? "  exactly the stock sold; every other shopper told it is sold out" : `  WRONG: the sale did not end as it must${paidInPlacing ? ` (${paidInPlacing} placing answers carried a payment)` : ""}`);
  const tokens = new ShopperTokens(masterKey);
  const orders = (
    await admin.query<{ id: string; payment_no: string; shopper_id: string }>(
      "SELECT id, payment_no, shopper_id FROM orders o WHERE tenant_id = $1 AND EXISTS (SELECT 1 FROM order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id AND l.item_id = $2)",
      [store.tenantId, item.id],
    )
  ).rows.map((row) => ({ id: row.id, paymentNo: row.payment_no, bearer: tokens.issue(store.tenantId, row.shopper_id).token }));
  const paid = await payPlacedOrders(shopApi, store.tenantId, orders);
  if (!right || !paid) process.exitCode = 1;
} finally {
  await bench.close();
}
