// Ordering at a table: the table's open tab as the order page shows it. Pure: no wx, so it can be tested alone.
// Every amount comes from shop-api in fen.

const STAGE_LABELS = { awaitingPayment: "待付款", cancelled: "已取消", inKitchen: "制作中", done: "已出餐" };

/** The tab of GET /tables/:table/tab as the page shows it; null before the table's first round. */
function tabView(tab) {
  if (!tab) return null;
  const payAtEnd = tab.payment === "payAtEnd";
  return {
    payAtEnd,
    totalFen: tab.totalFen,
    rounds: (tab.rounds || []).map((round) => ({
      id: round.id,
      number: round.number,
      orderId: round.orderId,
      stage: round.stage,
      stageLabel: STAGE_LABELS[round.stage] || "",
      totalFen: round.totalFen,
      dishes: (round.lines || []).map((line) => `${line.title} × ${line.quantity}`).join("，"),
      payable: !payAtEnd && round.stage === "awaitingPayment",
    })),
    canPayTab: payAtEnd && Boolean(tab.bill) && tab.bill.status === "pendingPayment",
  };
}

module.exports = { tabView, STAGE_LABELS };
