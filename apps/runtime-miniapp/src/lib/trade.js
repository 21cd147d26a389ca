// What the checkout and the order pages send to shop-api and how they read its answers. Pure: no wx, so the
// rules can be tested alone. Every amount comes from the server in fen; the phone only says what it saw.

/** The cart lines that can be ordered, as the order request's lines, each with the price the shopper sees now. */
function requestLines(lines) {
  return lines.map((line) => ({
    itemId: line.itemId,
    skuOptions: line.skuOptions,
    dishOptions: line.dishOptions,
    quantity: line.quantity,
    seenUnitPriceFen: line.seenUnitPriceFen,
  }));
}

/** wx.chooseAddress's answer under the order's names (orders/src/request.ts shippingAddressSchema). */
function addressFromWx(chosen) {
  return {
    name: chosen.userName || "",
    phone: chosen.telNumber || "",
    province: chosen.provinceName || "",
    city: chosen.cityName || "",
    district: chosen.countyName || "",
    detail: chosen.detailInfoNew || chosen.detailInfo || "",
    postalCode: /^\d{0,6}$/.test(chosen.postalCode || "") ? chosen.postalCode || "" : "",
  };
}

/** The delivery part of a request; null while express still needs an address. */
function deliveryChoice(method, address) {
  if (method === "pickup") return { method: "pickup" };
  return address ? { method: "express", address } : null;
}

/** The methods the merchant switched on (GET /ordering `delivery`), express first. */
function deliveryMethods(rules) {
  return ["express", "pickup"].filter((method) => rules && rules[method] && rules[method].enabled);
}

function errorCode(body) {
  return body && body.error && typeof body.error.code === "string" ? body.error.code : "";
}

function errorMessage(body) {
  return body && body.error && typeof body.error.message === "string" ? body.error.message : "";
}

/** The refusals of a 409 order.refused, wherever the answer carries them. */
function refusalsOf(body) {
  const refusals = (body && body.refusals) || (body && body.error && body.error.refusals);
  return Array.isArray(refusals) ? refusals.filter((refusal) => refusal && typeof refusal.code === "string") : [];
}

/**
 * The checkout's lines with each refusal placed on its line: the server's message, and what one tap can fix: a
 * changed price to accept (`freshPriceFen`), a quantity to lower to what is left (`left`). Refusals without a line
 * (delivery switched off, the order too large) come back in `general`.
 */
function placeRefusals(lines, refusals) {
  const byLine = lines.map((line) => Object.assign({}, line, { problem: "", freshPriceFen: null, hasFreshPrice: false, left: null }));
  const general = [];
  refusals.forEach((refusal) => {
    const line = Number.isInteger(refusal.line) ? byLine[refusal.line] : undefined;
    const message = refusal.message || "";
    if (!line) {
      general.push(message);
      return;
    }
    line.problem = line.problem ? `${line.problem} ${message}` : message;
    if (refusal.code === "priceChanged" && Number.isInteger(refusal.currentFen)) {
      line.freshPriceFen = refusal.currentFen;
      line.hasFreshPrice = true;
    }
    if (refusal.code === "notEnoughStock" && Number.isInteger(refusal.left) && refusal.left > 0) line.left = refusal.left;
  });
  return { lines: byLine, general };
}

/** The shopper accepts the fresh price of line `index`: it is what they now agree to pay. */
function acceptFreshPrice(lines, index) {
  return lines.map((line, at) =>
    at === index && line.hasFreshPrice
      ? Object.assign({}, line, { seenUnitPriceFen: line.freshPriceFen, freshPriceFen: null, hasFreshPrice: false, problem: "" })
      : line,
  );
}

/** A key for POST /orders: the same one for retries of one attempt, so a lost answer never places two orders. */
function idempotencyKey(now, random) {
  return `${now.toString(36)}-${Math.floor(random * 2 ** 48).toString(36)}`;
}

/** wx.requestPayment's options from shop-api's signed `payment`; null when a field is missing. */
function paymentOptions(payment) {
  const fields = ["timeStamp", "nonceStr", "package", "signType", "paySign"];
  if (!payment || fields.some((field) => typeof payment[field] !== "string" || !payment[field])) return null;
  return fields.reduce((options, field) => Object.assign(options, { [field]: payment[field] }), {});
}

/** wx.requestPayment's failure: the shopper closed the sheet, or it failed. */
function paymentCancelled(error) {
  return Boolean(error && typeof error.errMsg === "string" && /cancel/.test(error.errMsg));
}

const ACTION_LABELS = {
  pay: "付款",
  cancel: "取消订单",
  expire: "超时关闭",
  ship: "发货",
  pickUp: "已自提",
  confirmReceipt: "确认收货",
  requestRefund: "申请退款",
  declineRefund: "拒绝退款",
  refund: "退款",
  checkIn: "办理入住",
  checkOut: "办理退房",
  markNoShow: "未到店",
  cancelStay: "取消预订",
  markReady: "已备好，待取餐",
  addRound: "加菜",
  payAtCounter: "前台收款",
};

function shanghaiTime(iso) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "";
  // Shoppers read times in China's time, whatever the phone's zone.
  const local = new Date(at + 8 * 3600 * 1000);
  const two = (value) => String(value).padStart(2, "0");
  return `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

/** An order as the detail page shows it: lines with option text, events oldest first with their names and times. */
function orderDetailView(order) {
  const lines = (order.lines || []).map((line) => ({
    title: line.title,
    optionsText: []
      .concat(line.skuOptions || [])
      .concat((line.dishOptions || []).map((choice) => (choice.options || []).join("/")))
      .join(" / "),
    quantity: line.quantity,
    unitPriceFen: line.unitPriceFen,
    lineTotalFen: line.lineTotalFen,
  }));
  const events = (order.events || []).map((event) => ({
    label: ACTION_LABELS[event.action] || event.action || "下单",
    reason: event.reason || "",
    at: shanghaiTime(event.at),
  }));
  const actions = Array.isArray(order.actions) ? order.actions : [];
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    statusName: order.statusName,
    delivery: order.delivery,
    address: order.address || null,
    pickupAddress: order.pickupAddress || "",
    pickupNumber: order.pickupNumber || "",
    note: order.note || "",
    subtotalFen: order.subtotalFen,
    deliveryFeeFen: order.deliveryFeeFen,
    // What came off, each in its own line: the coupon, the member's level, and the points spent.
    discountFen: order.discountFen || 0,
    levelDiscountFen: order.levelDiscountFen || 0,
    pointsUsed: order.pointsUsed || 0,
    pointsDiscountFen: order.pointsDiscountFen || 0,
    totalFen: order.totalFen,
    refundedFen: order.refundedFen || 0,
    refundRequested: Boolean(order.refundRequested),
    tracking: order.tracking || null,
    createdAt: shanghaiTime(order.createdAt),
    expiresAt: order.status === "pendingPayment" ? shanghaiTime(order.expiresAt) : "",
    lines,
    events,
    can: {
      pay: actions.includes("pay"),
      cancel: actions.includes("cancel"),
      confirmReceipt: actions.includes("confirmReceipt"),
      requestRefund: actions.includes("requestRefund"),
      cancelStay: actions.includes("cancelStay"),
    },
  };
}

/** A hotel booking's stay as its page shows it (GET /bookings/:id `stay`): dates, nights, the guest, the policy. */
function stayView(stay) {
  const nights = Array.isArray(stay.nights) ? stay.nights.length : 0;
  return {
    checkIn: stay.checkIn,
    checkOut: stay.checkOut,
    nights,
    guests: stay.guests,
    guestName: stay.guestName,
    guestPhone: stay.guestPhone,
    policy: stay.cancellationText || "",
  };
}

/** Fen as "¥12.50", by integer arithmetic. */
function yuanText(fen) {
  return `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}

/** What the shopper confirms before cancelling: the refund the server computed, in yuan, and the policy. */
function cancellationPrompt(quote) {
  const fen = Number.isInteger(quote.refundFen) ? quote.refundFen : 0;
  const refund = fen > 0 ? `取消后将退款 ${yuanText(fen)}，原路退回微信支付。` : "按取消政策，取消后不退款。";
  return quote.policy ? `${refund}\n取消政策：${quote.policy}` : refund;
}

module.exports = {
  acceptFreshPrice,
  addressFromWx,
  cancellationPrompt,
  deliveryChoice,
  deliveryMethods,
  errorCode,
  errorMessage,
  idempotencyKey,
  orderDetailView,
  paymentCancelled,
  paymentOptions,
  placeRefusals,
  refusalsOf,
  requestLines,
  shanghaiTime,
  stayView,
  yuanText,
};
