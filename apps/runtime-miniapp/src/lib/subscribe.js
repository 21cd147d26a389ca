// Asking the shopper to accept the subscribe messages an order will send, from the tap that pays: WeChat allows
// wx.requestSubscribeMessage only inside a tap, with at most 3 templates per call, and each accept lets one message
// through. The template ids come from shop-api's GET /ordering (`messageTemplates`, public ids, no secret); only
// those the store set up are asked for, and the order goes on whatever the shopper answers.

/** What each way of handing over sends: express → paid, shipped; pickup → paid, ready; a booking → confirmed. */
const PURPOSES = {
  express: ["orderPaid", "orderShipped"],
  pickup: ["orderPaid", "orderReady"],
  stay: ["bookingConfirmed"],
};

/** The template ids to ask for an order handed over by `delivery`: the store's, once each, at most 3. */
function templateIdsFor(templates, delivery) {
  const ids = (PURPOSES[delivery] || []).map((purpose) => templates && templates[purpose]).filter((id) => typeof id === "string" && id !== "");
  return ids.filter((id, index) => ids.indexOf(id) === index).slice(0, 3);
}

/** Asks for `ids` (nothing to ask: straight on), then `next` once the shopper has answered or closed the sheet. */
function askThen(ids, next) {
  if (ids.length === 0) return next();
  wx.requestSubscribeMessage({ tmplIds: ids, complete: () => next() });
}

module.exports = { templateIdsFor, askThen };
