// Queue numbers (取号) from the phone's side: the store's groups and the shopper's number from shop-api, and how the
// number stays current. A Mini Program has no server push a section can hold open cheaply (a WebSocket needs its own
// whitelisted domain and counts against a per-app socket limit), so the number is polled with wx.request every
// POLL_MS while the page is on screen, stopped when it is hidden or the number is finished; the subscribe message
// reaches the shopper when WeChat is in the background. A queue moves every few minutes: 5 s is live enough for
// "how many ahead" and costs one small indexed read per open phone.
const { shopperRequest, storeRequest } = require("./session");
const { baked } = require("./site");

const POLL_MS = 5000;
const MAX_PARTY = 20;
const FINISHED = ["seated", "skipped", "cancelled"];

/** The store's queue: `{ enabled, groups, calledTemplateId }`, or null when shop-api cannot be reached. */
function loadQueue() {
  if (!baked.apiBase) return Promise.resolve(null);
  return storeRequest("GET", "/queue")
    .then((answer) => (answer.status === 200 && answer.body && Array.isArray(answer.body.groups) ? answer.body : null))
    .catch(() => null);
}

function ticketOf(answer) {
  const body = answer && answer.body;
  return body && typeof body.code === "string" ? body : null;
}

function errorMessage(answer) {
  const error = answer && answer.body && answer.body.error;
  return error && typeof error.message === "string" ? error.message : "取号失败，请稍后重试";
}

/** The number the shopper holds today, or null. */
function currentTicket() {
  return shopperRequest("GET", "/queue/tickets/current")
    .then((answer) => (answer.status === 200 && answer.body ? ticketOf({ body: answer.body.ticket }) : null))
    .catch(() => null);
}

/**
 * Takes a number for the party. WeChat asks the shopper to accept the "called" message first (one accept, one
 * message); whatever they answer, the number is taken.
 */
function takeTicket(partySize, templateId) {
  const ask = templateId
    ? new Promise((resolve) => wx.requestSubscribeMessage({ tmplIds: [templateId], complete: resolve }))
    : Promise.resolve();
  return ask
    .then(() => shopperRequest("POST", "/queue/tickets", { partySize }))
    .then((answer) => (answer.status === 200 || answer.status === 201 ? { ticket: ticketOf(answer) } : { error: errorMessage(answer) }))
    .catch(() => ({ error: "网络不可用，请稍后重试" }));
}

function readTicket(id) {
  return shopperRequest("GET", `/queue/tickets/${id}`)
    .then((answer) => (answer.status === 200 ? ticketOf(answer) : null))
    .catch(() => null);
}

function cancelTicket(id) {
  return shopperRequest("POST", `/queue/tickets/${id}/cancel`, {})
    .then((answer) => (answer.status === 200 ? ticketOf(answer) : null))
    .catch(() => null);
}

/** The group a party of this size waits in. */
function groupFor(groups, partySize) {
  return groups.find((group) => partySize >= group.minSize && (group.maxSize === null || partySize <= group.maxSize)) || null;
}

module.exports = { POLL_MS, MAX_PARTY, FINISHED, loadQueue, currentTicket, takeTicket, readTicket, cancelTicket, groupFor };
