// A stand-in for WeChat's third-party platform (第三方平台) that the product reaches through
// WECHAT_COMPONENT_API_BASE. It keeps WeChat's rules (shared/notes/commerce.md §9):
//   pushes   component_verify_ticket to the platform's 授权事件接收URL, encrypted and signed as WeChat does
//            (AES-256-CBC under the EncodingAESKey, plaintext = 16 random bytes, length, XML, component appid;
//            msg_signature = SHA-1 of the sorted token, timestamp, nonce and ciphertext). Written here with node:crypto
//            alone, so it shares no code with the product's opening of the same messages.
//   POST /cgi-bin/component/api_component_token   the platform's appid (61011) and secret (40125), the newest
//            ticket it pushed (61006 for any other) no older than 12 hours (61005); a token that lasts 2 hours.
// Tests inject faults and move the clock.
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeComponent = { appid: string; secret: string; token: string; aesKey: string };

export type PushAnswer = { status: number; body: string };
export type TicketOptions = { createdAt?: Date; tamper?: "signature" | "appid" };

export type FakeOpenPlatform = {
  baseUrl: string;
  component: FakeComponent;
  /** A new component_verify_ticket, sealed as WeChat pushes it every 10 minutes (only the newest is accepted). */
  issueTicket(options?: TicketOptions): { ticket: string; query: Record<string, string>; body: string };
  /** Pushes a new ticket to `url`, as WeChat does; the ticket and the platform's answer. */
  pushTicket(url: string, options?: TicketOptions): Promise<{ ticket: string; answer: PushAnswer }>;
  /** The encrypted, signed push of any XML message, as WeChat would send it. */
  sealMessage(xml: string, options?: { tamper?: "signature" | "appid" }): { query: Record<string, string>; body: string };
  /** The next `times` token requests get this errcode. */
  injectTokenError(errcode: number, times?: number): void;
  advanceClock(ms: number): void;
  tokenCalls(): number;
  /** Whether WeChat would accept this component_access_token now. */
  tokenValid(token: string): boolean;
  close(): Promise<void>;
};

const TICKET_LIFETIME_MS = 12 * 3600_000;
const TOKEN_LIFETIME_S = 7200;
const ERRMSG: Record<number, string> = {
  [-1]: "system error",
  40125: "invalid appsecret",
  61005: "component ticket is expired",
  61006: "component ticket is invalid",
  61011: "invalid component",
};

/** WeChat's message encryption, from its documentation. */
export function encryptMessage(component: FakeComponent, xml: string, appid = component.appid): string {
  const key = Buffer.from(`${component.aesKey}=`, "base64");
  const message = Buffer.from(xml, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(message.length);
  const plain = Buffer.concat([randomBytes(16), length, message, Buffer.from(appid, "utf8")]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString("base64");
}

export function messageSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash("sha1").update([token, timestamp, nonce, encrypted].sort().join("")).digest("hex");
}

export async function startFakeOpenPlatform(options: { component?: Partial<FakeComponent>; port?: number } = {}): Promise<FakeOpenPlatform> {
  const component: FakeComponent = {
    appid: options.component?.appid ?? `wx${randomBytes(8).toString("hex")}`,
    secret: options.component?.secret ?? randomBytes(16).toString("hex"),
    token: options.component?.token ?? `tk${randomBytes(6).toString("hex")}`,
    aesKey: options.component?.aesKey ?? randomBytes(32).toString("base64").replace(/[^0-9a-zA-Z]/g, "").padEnd(43, "k").slice(0, 43),
  };
  let clockOffset = 0;
  const now = () => Date.now() + clockOffset;
  let newestTicket: { ticket: string; createdAt: number } | null = null;
  const tokens = new Map<string, number>();
  const tokenErrors: { errcode: number; remaining: number }[] = [];
  let tokenCalls = 0;

  const sealMessage: FakeOpenPlatform["sealMessage"] = (xml, sealOptions = {}) => {
    const appid = sealOptions.tamper === "appid" ? `wx${"0".repeat(16)}` : component.appid;
    const encrypted = encryptMessage(component, xml, appid);
    const timestamp = String(Math.floor(now() / 1000));
    const nonce = String(randomBytes(4).readUInt32BE());
    const token = sealOptions.tamper === "signature" ? `${component.token}x` : component.token;
    return {
      query: { signature: messageSignature(component.token, timestamp, nonce, ""), timestamp, nonce, encrypt_type: "aes", msg_signature: messageSignature(token, timestamp, nonce, encrypted) },
      body: `<xml><AppId><![CDATA[${component.appid}]]></AppId><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    };
  };

  const issueTicket: FakeOpenPlatform["issueTicket"] = (ticketOptions = {}) => {
    const createdAt = ticketOptions.createdAt ?? new Date(now());
    const ticket = `ticket@@@${randomBytes(30).toString("base64url")}`;
    if (!newestTicket || createdAt.getTime() >= newestTicket.createdAt) newestTicket = { ticket, createdAt: createdAt.getTime() };
    const xml = `<xml><AppId><![CDATA[${component.appid}]]></AppId><CreateTime>${Math.floor(createdAt.getTime() / 1000)}</CreateTime>` +
      `<InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[${ticket}]]></ComponentVerifyTicket></xml>`;
    return { ticket, ...sealMessage(xml, ticketOptions) };
  };

  const answer = (res: http.ServerResponse, body: Record<string, unknown>) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, errcode: number) => answer(res, { errcode, errmsg: `${ERRMSG[errcode] ?? "error"} rid: ${randomBytes(4).toString("hex")}` });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      } catch {
        return error(res, 47001);
      }
      if (req.method === "POST" && url.pathname === "/cgi-bin/component/api_component_token") {
        tokenCalls += 1;
        const injected = tokenErrors[0];
        if (injected) {
          if (--injected.remaining <= 0) tokenErrors.shift();
          return error(res, injected.errcode);
        }
        if (body.component_appid !== component.appid) return error(res, 61011);
        if (body.component_appsecret !== component.secret) return error(res, 40125);
        if (!newestTicket || body.component_verify_ticket !== newestTicket.ticket) return error(res, 61006);
        if (now() - newestTicket.createdAt > TICKET_LIFETIME_MS) return error(res, 61005);
        const token = `ct_${randomBytes(24).toString("hex")}`;
        tokens.set(token, now() + TOKEN_LIFETIME_S * 1000);
        return answer(res, { component_access_token: token, expires_in: TOKEN_LIFETIME_S });
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    component,
    sealMessage,
    issueTicket,
    async pushTicket(url, pushOptions = {}) {
      const { ticket, query, body } = issueTicket(pushOptions);
      const target = new URL(url);
      for (const [name, value] of Object.entries(query)) target.searchParams.set(name, value);
      const response = await fetch(target, { method: "POST", headers: { "content-type": "text/xml" }, body });
      return { ticket, answer: { status: response.status, body: await response.text() } };
    },
    injectTokenError(errcode, times = 1) {
      tokenErrors.push({ errcode, remaining: times });
    },
    advanceClock(ms) {
      clockOffset += ms;
    },
    tokenCalls: () => tokenCalls,
    tokenValid: (token) => (tokens.get(token) ?? 0) > now(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
