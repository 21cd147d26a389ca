// Coupons from the phone's side: the store's live coupons (public, so the strip shows them before login), a claim
// (on the server, which holds the total and the per-shopper limit), and the shopper's own coupons for 我的.
const { shopperRequest, storeRequest } = require("./session");
const { baked } = require("./site");

/** The most a strip shows, as the section's limit says. */
const MAX_SHOWN = 6;

function errorMessage(answer, fallback) {
  const error = answer && answer.body && answer.body.error;
  return error && typeof error.message === "string" ? error.message : fallback;
}

/** The coupons shoppers can claim now, or [] when shop-api cannot be reached (the strip then stays hidden). */
function liveCoupons() {
  if (!baked.apiBase) return Promise.resolve([]);
  return storeRequest("GET", "/coupons")
    .then((answer) => (answer.status === 200 && answer.body && Array.isArray(answer.body.coupons) ? answer.body.coupons.slice(0, MAX_SHOWN) : []))
    .catch(() => []);
}

/** Claims a coupon: `{ coupon }` as the shopper now holds it, or `{ error }` in the shopper's words. */
function claimCoupon(id) {
  return shopperRequest("POST", `/coupons/${id}/claim`, {})
    .then((answer) => (answer.status === 201 ? { coupon: answer.body.coupon } : { error: errorMessage(answer, "领取失败，请稍后重试") }))
    .catch(() => ({ error: "网络不可用，请稍后重试" }));
}

/** The shopper's coupons, usable ones first; [] when they cannot be read. */
function myCoupons() {
  if (!baked.apiBase) return Promise.resolve([]);
  return shopperRequest("GET", "/me/coupons")
    .then((answer) => (answer.status === 200 && answer.body && Array.isArray(answer.body.coupons) ? answer.body.coupons : []))
    .catch(() => []);
}

module.exports = { claimCoupon, liveCoupons, myCoupons };
