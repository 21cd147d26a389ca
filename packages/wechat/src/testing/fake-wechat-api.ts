// A stand-in for WeChat's Mini Program server APIs (api.weixin.qq.com) that the product reaches through
// WECHAT_API_BASE. It keeps WeChat's rules as documented (shared/notes/commerce.md):
//   GET  /sns/jscode2session          codes it issued (as wx.login would), one use, 5 minutes: 40029 / 40163;
//                                     wrong secret 40125, unknown appid 40013
//   POST /cgi-bin/stable_token        the same token until its last 5 minutes or a force_refresh (which voids the
//                                     old one); a daily quota per appid (45009)
//   POST /wxa/business/getuserphonenumber   a token it issued (revoked 40001, expired 42001); phone codes it
//                                     issued (as the getPhoneNumber button would), one use, 5 minutes
//   POST /wxa/sec/order/upload_shipping_info   a paid order it knows (10060001), an order_key consistent with
//                                     it, the payer's openid (10060031), 1-15 items and tracking for express (47001)
//   POST /cgi-bin/message/subscribe/send   one send per accept (43101), template keywords and their value limits
//                                     (47003), known template (40037), openid (40003), page (41030)
// Tests drive the shopper's side (issue codes, accept subscriptions, pay orders) and inject faults; plain HTTP
// requests to /__fake/* do the same from another process (FakeWechatApiClient).
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeMiniProgram = {
  appid: string;
  secret: string;
  /** The pages a subscribe message may open (any page when left out). */
  pages?: string[];
};

/** A keyword's kind decides its value limits (thing1, amount2, ...: the kind is the name without its digits). */
export type FakeTemplate = { appid: string; templateId: string; keywords: string[] };

export type FakePaidOrder = { appid: string; mchid: string; outTradeNo: string; transactionId: string; openid: string };

export const FAKE_API_PATHS = [
  "/sns/jscode2session",
  "/cgi-bin/stable_token",
  "/wxa/business/getuserphonenumber",
  "/wxa/sec/order/upload_shipping_info",
  "/cgi-bin/message/subscribe/send",
] as const;
export type FakeApiPath = (typeof FAKE_API_PATHS)[number];

/** An injected answer: an errcode WeChat would send, an HTTP 500 page, a hang (timeout) or a reset connection. */
export type FakeApiFault = { errcode: number } | "http-500" | "hang" | "reset";

export type FakeShippingUpload = { order: FakePaidOrder; body: Record<string, unknown> };
export type FakeSentMessage = { appid: string; touser: string; templateId: string; page?: string; data: Record<string, string> };

const CODE_LIFETIME_MS = 5 * 60_000;
const TOKEN_LIFETIME_S = 7200;
const STABLE_RENEW_MS = 5 * 60_000;

const ERRMSG: Record<number, string> = {
  40001: "invalid credential, access_token is invalid or not latest",
  40003: "invalid openid",
  40013: "invalid appid",
  40029: "invalid code",
  40037: "invalid template_id",
  40125: "invalid appsecret",
  40163: "code been used",
  40226: "high risk user",
  41030: "invalid page",
  42001: "access_token expired",
  43101: "user refuse to accept the msg",
  45009: "reach max api daily quota limit",
  45011: "api minute-quota reach limit  mustslower  retry next minute",
  47001: "data format error",
  47003: "argument invalid! data.thing1.value invalid",
  [-1]: "system error",
  10060001: "支付单不存在",
  10060031: "该笔支付单不属于 openid 所指定的用户",
};

export type FakeWechatApi = {
  baseUrl: string;
  registerApp(app: FakeMiniProgram): void;
  registerTemplate(template: FakeTemplate): void;
  /** What wx.login gives the Mini Program: a code for this shopper. */
  issueLoginCode(appid: string, shopper: { openid: string; unionid?: string }): string;
  /** What the getPhoneNumber button gives the Mini Program. */
  issuePhoneCode(appid: string, phone: { purePhoneNumber: string; countryCode?: string }): string;
  /** The shopper accepted this template in wx.requestSubscribeMessage: one more send allowed. */
  acceptSubscription(appid: string, openid: string, templateId: string): void;
  /** WeChat Pay reported this order paid: shipping may be uploaded for it. */
  markOrderPaid(order: FakePaidOrder): void;
  /** The next `times` calls of `path` (for this appid when given) get this answer. */
  inject(path: FakeApiPath, fault: FakeApiFault, options?: { times?: number; appid?: string }): void;
  /** Moves WeChat's clock on: codes and tokens age. */
  advanceClock(ms: number): void;
  /** Stable-token calls allowed per appid per day. */
  setDailyTokenQuota(quota: number): void;
  /** How many times stable_token was called for the appid (force or not). */
  tokenCalls(appid: string): number;
  shippingUploads: FakeShippingUpload[];
  sentMessages: FakeSentMessage[];
  close(): Promise<void>;
};

export async function startFakeWechatApi(options: { port?: number } = {}): Promise<FakeWechatApi> {
  let clockOffset = 0;
  const now = () => Date.now() + clockOffset;
  const apps = new Map<string, FakeMiniProgram>();
  const templates = new Map<string, FakeTemplate>();
  const loginCodes = new Map<string, { appid: string; openid: string; unionid?: string; issuedAt: number; used: boolean }>();
  const phoneCodes = new Map<string, { appid: string; purePhoneNumber: string; countryCode: string; issuedAt: number; used: boolean }>();
  const tokens = new Map<string, { appid: string; expiresAt: number; revoked: boolean }>();
  const stableToken = new Map<string, string>();
  const tokenCallsByDay = new Map<string, number>();
  const tokenCallsTotal = new Map<string, number>();
  let dailyTokenQuota = 2000;
  const acceptances = new Map<string, number>();
  const paidOrders: FakePaidOrder[] = [];
  const faults: { path: FakeApiPath; fault: FakeApiFault; remaining: number; appid?: string }[] = [];
  const shippingUploads: FakeShippingUpload[] = [];
  const sentMessages: FakeSentMessage[] = [];
  const hanging = new Set<http.ServerResponse>();

  const takeFault = (path: string, appid: string | undefined): FakeApiFault | undefined => {
    const index = faults.findIndex((f) => f.path === path && (f.appid === undefined || f.appid === appid));
    if (index < 0) return undefined;
    const entry = faults[index]!;
    if (--entry.remaining <= 0) faults.splice(index, 1);
    return entry.fault;
  };

  const error = (errcode: number) => ({ errcode, errmsg: `${ERRMSG[errcode] ?? "error"} rid: ${randomBytes(4).toString("hex")}` });

  /** The app an access_token belongs to, or WeChat's complaint about the token. */
  const tokenOwner = (token: string | null): { appid: string } | { errcode: number } => {
    const entry = token ? tokens.get(token) : undefined;
    if (!entry || entry.revoked) return { errcode: 40001 };
    if (entry.expiresAt <= now()) return { errcode: 42001 };
    return { appid: entry.appid };
  };

  function jscode2session(url: URL) {
    const appid = url.searchParams.get("appid") ?? "";
    const app = apps.get(appid);
    if (!app) return error(40013);
    if (url.searchParams.get("secret") !== app.secret) return error(40125);
    if (url.searchParams.get("grant_type") !== "authorization_code") return error(47001);
    const code = loginCodes.get(url.searchParams.get("js_code") ?? "");
    if (!code || code.appid !== appid || now() - code.issuedAt > CODE_LIFETIME_MS) return error(40029);
    if (code.used) return error(40163);
    code.used = true;
    // As WeChat: success has no errcode at all.
    return { openid: code.openid, session_key: randomBytes(16).toString("base64"), ...(code.unionid ? { unionid: code.unionid } : {}) };
  }

  function stable(body: Record<string, unknown>) {
    const appid = String(body.appid ?? "");
    const app = apps.get(appid);
    if (!app) return error(40013);
    if (body.secret !== app.secret) return error(40125);
    if (body.grant_type !== "client_credential") return error(47001);
    const day = `${appid}:${new Date(now()).toISOString().slice(0, 10)}`;
    const used = tokenCallsByDay.get(day) ?? 0;
    if (used >= dailyTokenQuota) return error(45009);
    tokenCallsByDay.set(day, used + 1);
    tokenCallsTotal.set(appid, (tokenCallsTotal.get(appid) ?? 0) + 1);
    const currentToken = stableToken.get(appid);
    const current = currentToken ? tokens.get(currentToken) : undefined;
    const force = body.force_refresh === true;
    if (current && !current.revoked && !force && current.expiresAt - now() > STABLE_RENEW_MS) {
      return { access_token: currentToken, expires_in: Math.floor((current.expiresAt - now()) / 1000) };
    }
    // A force refresh voids the old token at once; a renewal in the last minutes leaves it valid until it expires.
    if (current && force) current.revoked = true;
    const token = `${randomBytes(6).toString("hex")}_${randomBytes(48).toString("base64url")}`;
    tokens.set(token, { appid, expiresAt: now() + TOKEN_LIFETIME_S * 1000, revoked: false });
    stableToken.set(appid, token);
    return { access_token: token, expires_in: TOKEN_LIFETIME_S };
  }

  function phoneNumber(appid: string, body: Record<string, unknown>) {
    const code = phoneCodes.get(String(body.code ?? ""));
    if (!code || code.appid !== appid || now() - code.issuedAt > CODE_LIFETIME_MS) return error(40029);
    if (code.used) return error(40163);
    code.used = true;
    const phoneNumber = code.countryCode === "86" ? code.purePhoneNumber : `+${code.countryCode}${code.purePhoneNumber}`;
    return {
      errcode: 0,
      errmsg: "ok",
      phone_info: { phoneNumber, purePhoneNumber: code.purePhoneNumber, countryCode: code.countryCode, watermark: { timestamp: Math.floor(now() / 1000), appid } },
    };
  }

  function shipping(appid: string, body: Record<string, unknown>) {
    const key = body.order_key as Record<string, unknown> | undefined;
    const list = body.shipping_list;
    const logistics = body.logistics_type;
    const payer = body.payer as { openid?: unknown } | undefined;
    if (!key || !Array.isArray(list) || ![1, 2, 3, 4].includes(logistics as number) || ![1, 2].includes(body.delivery_mode as number)) return error(47001);
    if (typeof body.upload_time !== "string" || Number.isNaN(Date.parse(body.upload_time)) || !/T.*(Z|[+-]\d\d:\d\d)$/.test(body.upload_time)) return error(47001);
    if (list.length < 1 || list.length > 15) return error(47001);
    for (const item of list as Record<string, unknown>[]) {
      if (typeof item.item_desc !== "string" || !item.item_desc) return error(47001);
      if (logistics === 1 && (typeof item.tracking_no !== "string" || !item.tracking_no || typeof item.express_company !== "string" || !item.express_company)) return error(47001);
    }
    let order: FakePaidOrder | undefined;
    if (key.order_number_type === 1) {
      order = paidOrders.find((o) => o.appid === appid && o.mchid === key.mchid && o.outTradeNo === key.out_trade_no);
    } else if (key.order_number_type === 2) {
      order = paidOrders.find((o) => o.appid === appid && o.transactionId === key.transaction_id);
    } else {
      return error(47001);
    }
    if (!order) return error(10060001);
    if (typeof payer?.openid !== "string") return error(47001);
    if (payer.openid !== order.openid) return error(10060031);
    shippingUploads.push({ order, body });
    return { errcode: 0, errmsg: "ok" };
  }

  function subscribe(appid: string, body: Record<string, unknown>) {
    const touser = String(body.touser ?? "");
    if (!/^[A-Za-z0-9_-]{6,64}$/.test(touser)) return error(40003);
    const templateId = String(body.template_id ?? "");
    const template = templates.get(`${appid}:${templateId}`);
    if (!template) return error(40037);
    const page = body.page === undefined ? undefined : String(body.page);
    const pages = apps.get(appid)?.pages;
    if (page !== undefined && pages && !pages.includes(page.split("?")[0]!)) return error(41030);
    const data = body.data as Record<string, { value?: unknown }> | undefined;
    if (!data || typeof data !== "object") return error(47003);
    const values: Record<string, string> = {};
    for (const keyword of template.keywords) {
      const value = data[keyword]?.value;
      if (typeof value !== "string" || !valueFits(keyword, value)) return error(47003);
      values[keyword] = value;
    }
    const acceptKey = `${appid}:${touser}:${templateId}`;
    const accepted = acceptances.get(acceptKey) ?? 0;
    if (accepted <= 0) return error(43101);
    acceptances.set(acceptKey, accepted - 1);
    sentMessages.push({ appid, touser, templateId, ...(page !== undefined ? { page } : {}), data: values });
    return { errcode: 0, errmsg: "ok" };
  }

  async function answer(request: http.IncomingMessage, raw: string, response: http.ServerResponse) {
    const url = new URL(request.url ?? "/", "http://fake");
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      response.end(JSON.stringify(payload));
    };
    if (url.pathname.startsWith("/__fake/")) return control(url.pathname, raw, send);
    const path = url.pathname as FakeApiPath;
    if (!FAKE_API_PATHS.includes(path)) return send(404, error(-1));
    let body: Record<string, unknown> = {};
    if (request.method === "POST") {
      try {
        body = JSON.parse(raw || "{}") as Record<string, unknown>;
      } catch {
        return send(200, error(47001));
      }
    }
    const expectedMethod = path === "/sns/jscode2session" ? "GET" : "POST";
    if (request.method !== expectedMethod) return send(200, error(43002));

    // The caller's app: named in the request for login and tokens, behind the access_token for the rest.
    let appid: string | undefined = path === "/sns/jscode2session" ? (url.searchParams.get("appid") ?? "") : path === "/cgi-bin/stable_token" ? String(body.appid ?? "") : undefined;
    let tokenProblem: { errcode: number } | undefined;
    if (appid === undefined) {
      const owner = tokenOwner(url.searchParams.get("access_token"));
      if ("errcode" in owner) tokenProblem = owner;
      else appid = owner.appid;
    }
    const fault = takeFault(path, appid);
    if (fault === "reset") return void request.socket.destroy();
    if (fault === "hang") return void hanging.add(response);
    if (fault === "http-500") {
      response.writeHead(500, { "content-type": "text/html" });
      return response.end("<html><body>500 Internal Server Error</body></html>");
    }
    if (fault) return send(200, error(fault.errcode));
    if (tokenProblem) return send(200, error(tokenProblem.errcode));

    switch (path) {
      case "/sns/jscode2session":
        return send(200, jscode2session(url));
      case "/cgi-bin/stable_token":
        return send(200, stable(body));
      case "/wxa/business/getuserphonenumber":
        return send(200, phoneNumber(appid!, body));
      case "/wxa/sec/order/upload_shipping_info":
        return send(200, shipping(appid!, body));
      case "/cgi-bin/message/subscribe/send":
        return send(200, subscribe(appid!, body));
    }
  }

  function control(pathname: string, raw: string, send: (status: number, payload: unknown) => void) {
    // JSON turns a left-out argument into null: make it left out again, so defaults apply.
    const args = (JSON.parse(raw || "[]") as unknown[]).map((arg) => (arg === null ? undefined : arg));
    const name = pathname.slice("/__fake/".length);
    const callable: Record<string, (...a: never[]) => unknown> = {
      registerApp: fake.registerApp,
      registerTemplate: fake.registerTemplate,
      issueLoginCode: fake.issueLoginCode,
      issuePhoneCode: fake.issuePhoneCode,
      acceptSubscription: fake.acceptSubscription,
      markOrderPaid: fake.markOrderPaid,
      inject: fake.inject,
      advanceClock: fake.advanceClock,
      setDailyTokenQuota: fake.setDailyTokenQuota,
      tokenCalls: fake.tokenCalls,
      shippingUploads: () => shippingUploads,
      sentMessages: () => sentMessages,
    };
    const method = callable[name];
    if (!method) return send(404, { error: `unknown control request ${name}` });
    try {
      send(200, { result: (method as (...a: unknown[]) => unknown)(...args) ?? null });
    } catch (problem) {
      send(400, { error: String(problem) });
    }
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      answer(request, Buffer.concat(chunks).toString("utf8"), response).catch((problem: unknown) => {
        response.writeHead(500);
        response.end(String(problem));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeWechatApi = {
    baseUrl: `http://127.0.0.1:${port}`,
    registerApp: (app) => void apps.set(app.appid, app),
    registerTemplate: (template) => void templates.set(`${template.appid}:${template.templateId}`, template),
    issueLoginCode(appid, shopper) {
      const code = randomBytes(16).toString("hex");
      loginCodes.set(code, { appid, ...shopper, issuedAt: now(), used: false });
      return code;
    },
    issuePhoneCode(appid, phone) {
      const code = randomBytes(24).toString("hex");
      phoneCodes.set(code, { appid, purePhoneNumber: phone.purePhoneNumber, countryCode: phone.countryCode ?? "86", issuedAt: now(), used: false });
      return code;
    },
    acceptSubscription(appid, openid, templateId) {
      const key = `${appid}:${openid}:${templateId}`;
      acceptances.set(key, (acceptances.get(key) ?? 0) + 1);
    },
    markOrderPaid: (order) => void paidOrders.push(order),
    inject(path, fault, injectOptions = {}) {
      faults.push({ path, fault, remaining: injectOptions.times ?? 1, ...(injectOptions.appid ? { appid: injectOptions.appid } : {}) });
    },
    advanceClock(ms) {
      clockOffset += ms;
    },
    setDailyTokenQuota(quota) {
      dailyTokenQuota = quota;
    },
    tokenCalls: (appid) => tokenCallsTotal.get(appid) ?? 0,
    shippingUploads,
    sentMessages,
    async close() {
      for (const response of hanging) response.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** WeChat's value limits per keyword kind (subscribeMessage.send). */
function valueFits(keyword: string, value: string): boolean {
  const kind = keyword.replace(/\d+$/, "");
  const length = [...value].length;
  switch (kind) {
    case "thing":
      return length >= 1 && length <= 20;
    case "number":
      return length <= 32 && /^[0-9.]+$/.test(value);
    case "letter":
      return length <= 32 && /^[A-Za-z]+$/.test(value);
    case "character_string":
      return length <= 32 && /^[\x21-\x7e]+$/.test(value);
    case "amount":
      return /^[¥￥]?\d{1,10}(\.\d{1,2})?元?$/.test(value);
    case "phrase":
      return length <= 5 && /^\p{Script=Han}+$/u.test(value);
    case "phone_number":
      return length <= 17 && /^[0-9+\- ()]+$/.test(value);
    case "time":
    case "date":
      return length >= 1 && length <= 40;
    case "name":
      return length <= 10;
    case "car_number":
      return length <= 8;
    default:
      return length <= 20;
  }
}
