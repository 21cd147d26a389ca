// shop-api's trading routes as the contract of issue 12 states them (session, cart, ordering, quote, orders, order
// actions), answering the harness's wx.request from memory, so the runtime's side of each exchange (which request,
// with which token, body and key; what it does with each answer) is tested on its own. It prices nothing itself:
// each test states the quote, the order and the refusals it wants. The whole purchase against the real shop-api and
// WeChat fakes lives in purchase.test.ts.
import type { FakeRequest, FakeResponse } from "../testing/render-page";

type Json = Record<string, unknown>;
export type ContractLine = { itemId: string; skuOptions: string[]; dishOptions: unknown[]; quantity: number; seenUnitPriceFen: number };
type Handler = (request: FakeRequest, body: Json) => FakeResponse | undefined;

const error = (statusCode: number, code: string, message = code, extra: Json = {}): FakeResponse => ({
  statusCode,
  data: { error: { code, message, ...extra } },
});

export type ShopApiContract = {
  respond: (request: FakeRequest) => FakeResponse | "fail";
  /** The requests under the API base, as `METHOD /route`. */
  routes: () => string[];
  /** Replies a route ("GET /orders", or with its query) gives, one per request, before it answers as usual again. */
  reply: (route: string, ...responses: FakeResponse[]) => void;
  cart: ContractLine[];
  tokensIssued: () => number;
};

export function shopApiContract(apiBase: string, options: { cart?: ContractLine[] } = {}): ShopApiContract {
  const seen: FakeRequest[] = [];
  const replies = new Map<string, FakeResponse[]>();
  const state = { cart: options.cart ?? [], tokens: 0 };

  const authorized = (request: FakeRequest) => /^Bearer kd-token-\d+$/.test(request.header.Authorization ?? "");
  const withKeys = (lines: ContractLine[]) => ({ lines: lines.map((line) => ({ key: `${line.itemId}|${JSON.stringify(line.skuOptions)}`, ...line })) });
  const handlers: Record<string, Handler> = {
    "POST /session": (_, body) => {
      if (typeof body.code !== "string" || !body.code) return error(400, "login.code");
      state.tokens += 1;
      return { statusCode: 200, data: { token: `kd-token-${state.tokens}`, expiresAt: new Date(Date.now() + 7_200_000).toISOString(), shopper: { id: "shopper-1", phone: null } } };
    },
    "GET /cart": () => ({ statusCode: 200, data: withKeys(state.cart) }),
    "PUT /cart": (_, body) => {
      state.cart = body.lines as ContractLine[];
      return { statusCode: 200, data: withKeys(state.cart) };
    },
    "POST /cart/merge": (_, body) => {
      const merged = [...state.cart];
      for (const line of body.lines as ContractLine[]) {
        const same = merged.findIndex((one) => one.itemId === line.itemId && JSON.stringify(one.skuOptions) === JSON.stringify(line.skuOptions));
        if (same >= 0) merged[same] = { ...merged[same]!, quantity: Math.min(merged[same]!.quantity + line.quantity, 999) };
        else merged.push(line);
      }
      state.cart = merged;
      return { statusCode: 200, data: withKeys(state.cart) };
    },
    "GET /ordering": () => ({
      statusCode: 200,
      data: { delivery: { express: { enabled: true, feeFen: 1000, freeFromFen: 9900 }, pickup: { enabled: true, address: "文林街 18 号门店" } }, unpaidMinutes: 15, paymentsReady: true, readyTemplateId: null, messageTemplates: { orderPaid: null, orderShipped: null, orderReady: null, bookingConfirmed: null } },
    }),
  };

  return {
    respond(request) {
      if (!request.url.startsWith(`${apiBase}/`)) return error(404, "notFound");
      seen.push(request);
      const url = new URL(request.url);
      const route = `${request.method} ${url.pathname.slice(new URL(apiBase).pathname.length)}`;
      const queued = replies.get(`${route}${url.search}`) ?? replies.get(route);
      if (queued?.length) return queued.shift()!;
      const needsToken = !["POST /session", "GET /ordering"].includes(route);
      if (needsToken && !authorized(request)) return error(401, "token.missing");
      const handler = handlers[route];
      return handler?.(request, (request.data ?? {}) as Json) ?? error(404, "notFound");
    },
    routes: () => seen.map((request) => `${request.method} ${new URL(request.url).pathname.slice(new URL(apiBase).pathname.length)}${new URL(request.url).search}`),
    reply(route, ...responses) {
      replies.set(route, responses);
    },
    get cart() {
      return state.cart;
    },
    tokensIssued: () => state.tokens,
  };
}
