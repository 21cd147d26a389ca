// The shopper's session with shop-api. A silent wx.login at launch is exchanged for a signed token (POST /session),
// kept in storage for its lifetime; the session_key stays on the server. Every request that needs the shopper goes
// through `shopperRequest`: on a 401 about the token (expired, missing, invalid after a key change, another
// store's) it logs in again once and retries once. A store without its AppSecret answers 409 login.notSetUp: the
// shopper keeps browsing, the trading pages say why they cannot order, and no error is shown at launch.
const { sendJson } = require("./request");
const { baked } = require("./site");
const { createEmitter } = require("./emitter");

const SESSION_KEY = "kd-session";
/** A token this close to its end is renewed first, so a request never starts with one about to lapse. */
const RENEW_BEFORE_MS = 60 * 1000;

const changes = createEmitter();
let loggingIn = null;
/** "unknown" until the first login answers; "ready", "notSetUp" (no AppSecret) or "failed" (network, WeChat). */
let state = "unknown";

function isSession(value) {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof value.token === "string" &&
    typeof value.expiresAt === "string" &&
    value.shopper !== null &&
    typeof value.shopper === "object" &&
    typeof value.shopper.id === "string"
  );
}

function storedSession() {
  const saved = wx.getStorageSync(SESSION_KEY);
  if (!isSession(saved)) return null;
  return Date.parse(saved.expiresAt) - RENEW_BEFORE_MS > Date.now() ? saved : null;
}

function saveSession(session) {
  try {
    wx.setStorageSync(SESSION_KEY, session);
  } catch (error) {
    // Storage full: the token still lives for this launch.
  }
}

function wxLoginCode() {
  return new Promise((resolve, reject) => {
    wx.login({ success: (result) => (result && result.code ? resolve(result.code) : reject(result)), fail: reject });
  });
}

function errorCode(body) {
  return body && body.error && typeof body.error.code === "string" ? body.error.code : "";
}

/** Logs in (one login at a time, however many pages ask); resolves to the session or null. */
function login() {
  if (!baked.apiBase) return Promise.resolve(null);
  if (!loggingIn) {
    loggingIn = wxLoginCode()
      .then((code) => sendJson(`${baked.apiBase}/session`, "POST", { code }))
      .then(
        (answer) => {
          if (answer.status === 200 && isSession(answer.body)) {
            saveSession(answer.body);
            state = "ready";
            return answer.body;
          }
          state = answer.status === 409 && errorCode(answer.body) === "login.notSetUp" ? "notSetUp" : "failed";
          return null;
        },
        () => {
          state = "failed";
          return null;
        },
      )
      .then((session) => {
        loggingIn = null;
        changes.emit(session);
        return session;
      });
  }
  return loggingIn;
}

/** The stored session while it lasts, else a fresh login. */
function ensureSession() {
  const session = storedSession();
  if (session) {
    state = "ready";
    return Promise.resolve(session);
  }
  return login();
}

function send(session, method, path, data, header) {
  return sendJson(`${baked.apiBase}${path}`, method, data, Object.assign({ Authorization: `Bearer ${session.token}` }, header));
}

/**
 * A request as the logged-in shopper: `{ status, body }`. Without a session (no AppSecret, no network) it settles
 * with status 0 and the reason's code, so pages show one kind of answer.
 */
function shopperRequest(method, path, data, header) {
  return ensureSession().then((session) => {
    if (!session) return { status: 0, body: { error: { code: state === "notSetUp" ? "login.notSetUp" : "login.failed" } } };
    return send(session, method, path, data, header).then((answer) => {
      if (answer.status !== 401 || !errorCode(answer.body).startsWith("token.")) return answer;
      wx.removeStorageSync(SESSION_KEY);
      return login().then((fresh) => (fresh ? send(fresh, method, path, data, header) : answer));
    });
  });
}

/** A request that needs no shopper (GET /ordering). */
function storeRequest(method, path, data) {
  return sendJson(`${baked.apiBase}${path}`, method, data);
}

/**
 * The getPhoneNumber button's answer: its one-time code goes to shop-api (POST /me/phone), which asks WeChat for
 * the number; the phone keeps only the masked number shop-api returns. A refusal by the shopper sends nothing.
 */
function sharePhone(event) {
  const code = event && event.detail && event.detail.code;
  if (!code) return Promise.resolve(null);
  return shopperRequest("POST", "/me/phone", { code }).then((answer) => {
    const phone = answer.status === 200 && answer.body && typeof answer.body.phone === "string" ? answer.body.phone : null;
    const session = storedSession();
    if (phone && session) saveSession(Object.assign({}, session, { shopper: Object.assign({}, session.shopper, { phone }) }));
    return phone;
  });
}

/** The stored token while it lasts, without logging in: for reports that are anonymous without one. */
function currentToken() {
  const session = storedSession();
  return session ? session.token : null;
}

module.exports = {
  currentToken,
  ensureSession,
  login,
  loginState: () => state,
  onLogin: changes.on,
  sharePhone,
  shopperRequest,
  storedSession,
  storeRequest,
};
