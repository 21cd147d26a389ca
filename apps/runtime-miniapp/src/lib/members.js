// Membership from the phone's side: the shopper's card (null when not a member yet), joining with the
// getPhoneNumber button's one-time code, and the card's short-lived code with its QR image. shop-api signs the code
// and draws the QR; the phone only shows the image and asks again on the interval the server gives.
const { shopperRequest } = require("./session");
const { baked } = require("./site");

/** Never ask more often than this, whatever an answer says: a wrong interval must not flood shop-api. */
const MIN_REFRESH_SECONDS = 5;

function errorMessage(answer, fallback) {
  const error = answer && answer.body && answer.body.error;
  return error && typeof error.message === "string" ? error.message : fallback;
}

/** A level's discount as shoppers read it: 5 per cent off is "9.5折" (折 being tenths of the price paid); "" for none. */
function discountText(percentOff) {
  const off = Number(percentOff) || 0;
  return off > 0 ? `${(100 - off) / 10}折` : "";
}

/** `{ member }`: the card, or null when the shopper has not joined; `{ error }` when it cannot be read. */
function myMember() {
  if (!baked.apiBase) return Promise.resolve({ member: null });
  return shopperRequest("GET", "/me/member")
    .then((answer) => (answer.status === 200 && answer.body ? { member: answer.body.member || null } : { error: errorMessage(answer, "会员信息暂时无法读取") }))
    .catch(() => ({ error: "网络不可用，请稍后重试" }));
}

/**
 * Joins with the getPhoneNumber button's answer: `{ member }` or `{ error }` in the shopper's words. The shopper
 * declining the sheet sends nothing and answers `{}`.
 */
function joinMember(event) {
  const code = event && event.detail && event.detail.code;
  if (!code) return Promise.resolve({});
  return shopperRequest("POST", "/me/member", { code })
    .then((answer) => (answer.status === 200 || answer.status === 201 ? { member: answer.body.member } : { error: errorMessage(answer, "开通会员失败，请稍后重试") }))
    .catch(() => ({ error: "网络不可用，请稍后重试" }));
}

/** The card's code now: `{ qr, refreshMs }`, or null when it cannot be had (the card then shows no QR). */
function memberCode() {
  return shopperRequest("GET", "/me/member/code")
    .then((answer) => {
      const body = answer.status === 200 && answer.body;
      if (!body || typeof body.qr !== "string" || !body.qr.startsWith("data:image/png;base64,")) return null;
      const seconds = Math.max(MIN_REFRESH_SECONDS, Number(body.refreshSeconds) || 0);
      return { qr: body.qr, refreshMs: seconds * 1000 };
    })
    .catch(() => null);
}

module.exports = { discountText, joinMember, memberCode, myMember };
