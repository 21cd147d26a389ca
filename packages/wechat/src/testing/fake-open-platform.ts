// A stand-in for WeChat's third-party platform (第三方平台) that the product reaches through
// WECHAT_COMPONENT_API_BASE. It keeps WeChat's rules (shared/notes/commerce.md §9):
//   pushes   component_verify_ticket to the platform's 授权事件接收URL, encrypted and signed as WeChat does
//            (AES-256-CBC under the EncodingAESKey, plaintext = 16 random bytes, length, XML, component appid;
//            msg_signature = SHA-1 of the sorted token, timestamp, nonce and ciphertext). Written here with node:crypto
//            alone, so it shares no code with the product's opening of the same messages.
//   POST /cgi-bin/component/api_component_token   the platform's appid (61011) and secret (40125), the newest
//            ticket it pushed (61006 for any other) no older than 12 hours (61005); a token that lasts 2 hours.
//   POST /cgi-bin/component/api_create_preauthcode   a valid component token (40001; 42001 expired); a code for 30 min
//   GET  /cgi-bin/componentloginpage, /wxaopen/safe/bindcomponent   the merchant's approval page (computer, phone):
//            it lists the merchant's Mini Programs; approving one sends the browser to redirect_uri with an
//            auth_code and pushes `authorized` to the platform's event URL
//   POST /cgi-bin/component/api_query_auth   an auth_code it issued, once (61009), within the hour (61010)
//   POST /cgi-bin/component/api_authorizer_token   the authorizer's refresh token (61023), not withdrawn (61003)
// Tests inject faults, move the clock, and withdraw an authorisation as a merchant would in WeChat; from another
// process (browser tests) the same through POST /__fake/event-url, /__fake/push-ticket, /__fake/mini-programs and
// /__fake/withdraw, each with a JSON body. Code management (commit, audit, release) is fake-code-management.ts,
// controlled through /__fake/message-url, /__fake/template and /__fake/decide-audits (`reject`: appid → WeChat's
// reason, with the screenshots of `screenshots`: appid → media ids); its draft box is filled by the fake WeChat CI's
// uploads from the development Mini Program bound with /__fake/developer (POST /__fake/upload).
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type AuditVerdict, fakeCodeManagement, type FakeCodeManagement } from "./fake-code-management";

export type FakeComponent = { appid: string; secret: string; token: string; aesKey: string };

export type PushAnswer = { status: number; body: string };
export type TicketOptions = { createdAt?: Date; tamper?: "signature" | "appid" };

export type FakeOpenPlatform = {
  baseUrl: string;
  component: FakeComponent;
  /** The WECHAT_COMPONENT_* settings that point the product here. */
  env: Record<string, string>;
  /** Where WeChat pushes authorisation events (the platform's 授权事件接收URL). */
  setEventUrl(url: string): void;
  /** A Mini Program the merchant who approves can choose. */
  addMiniProgram(appid: string, name: string): void;
  /** What approving on the page does: the address the browser is sent back to. */
  approve(link: string, appid: string): Promise<string>;
  /** The merchant changes the permissions granted, in WeChat: a new auth_code, pushed as `updateauthorized`. */
  updateAuthorization(appid: string): Promise<PushAnswer | null>;
  /** The merchant withdraws the authorisation in WeChat: tokens stop working, `unauthorized` is pushed. */
  withdraw(appid: string): Promise<PushAnswer | null>;
  authorizerTokenValid(appid: string, token: string): boolean;
  authorizerTokenCalls(appid: string): number;
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
  /** Code management for the authorised Mini Programs: templates, commits, audits, releases. */
  code: FakeCodeManagement;
  close(): Promise<void>;
};

const TICKET_LIFETIME_MS = 12 * 3600_000;
const TOKEN_LIFETIME_S = 7200;
const ERRMSG: Record<number, string> = {
  [-1]: "system error",
  40125: "invalid appsecret",
  40001: "invalid credential, access_token is invalid or not latest",
  42001: "access_token expired",
  47001: "data format error",
  61003: "component is not authorized by this account",
  61005: "component ticket is expired",
  61009: "code is invalid",
  61010: "code is expired",
  61023: "refresh_token is invalid",
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
  let eventUrl: string | null = null;
  const miniPrograms = new Map<string, string>();
  const preAuthCodes = new Map<string, { expiresAt: number; used: boolean }>();
  const authCodes = new Map<string, { appid: string; expiresAt: number; used: boolean }>();
  const authorizers = new Map<string, { refreshToken: string; withdrawn: boolean; calls: number }>();
  const authorizerTokens = new Map<string, { appid: string; expiresAt: number }>();

  const push = async (xml: string, url = eventUrl): Promise<PushAnswer | null> => {
    if (!url) return null;
    const { query, body } = sealMessage(xml);
    const target = new URL(url);
    for (const [name, value] of Object.entries(query)) target.searchParams.set(name, value);
    const response = await fetch(target, { method: "POST", headers: { "content-type": "text/xml" }, body });
    return { status: response.status, body: await response.text() };
  };

  /** A one-use auth_code for the Mini Program, pushed as `authorized` (naming the pre_auth_code) or `updateauthorized`. */
  const pushAuthCode = async (appid: string, preAuthCode: string | null) => {
    const authCode = `queryauthcode@@@${randomBytes(24).toString("base64url")}`;
    const expiresAt = now() + 3600_000;
    authCodes.set(authCode, { appid, expiresAt, used: false });
    const created = Math.floor(now() / 1000);
    const answer = await push(
      `<xml><AppId><![CDATA[${component.appid}]]></AppId><CreateTime>${created}</CreateTime><InfoType><![CDATA[${preAuthCode ? "authorized" : "updateauthorized"}]]></InfoType>` +
        `<AuthorizerAppid><![CDATA[${appid}]]></AuthorizerAppid><AuthorizationCode><![CDATA[${authCode}]]></AuthorizationCode>` +
        `<AuthorizationCodeExpiredTime>${Math.floor(expiresAt / 1000)}</AuthorizationCodeExpiredTime>${preAuthCode ? `<PreAuthCode><![CDATA[${preAuthCode}]]></PreAuthCode>` : ""}</xml>`,
    );
    return { authCode, answer };
  };

  /** The approval itself: a one-use auth_code for the chosen Mini Program, and the `authorized` push. */
  const approveCode = async (preAuthCode: string, appid: string, redirectUri: string): Promise<string> => {
    const pre = preAuthCodes.get(preAuthCode);
    if (!pre || pre.used || pre.expiresAt < now()) throw new Error("the pre_auth_code is unknown, used or expired");
    if (!miniPrograms.has(appid)) throw new Error(`${appid} is not one of the merchant's Mini Programs`);
    pre.used = true;
    const { authCode } = await pushAuthCode(appid, preAuthCode);
    const back = new URL(redirectUri);
    back.searchParams.set("auth_code", authCode);
    back.searchParams.set("expires_in", "3600");
    return back.toString();
  };

  const issueAuthorizerToken = (appid: string) => {
    const token = `at_${randomBytes(24).toString("hex")}`;
    authorizerTokens.set(token, { appid, expiresAt: now() + TOKEN_LIFETIME_S * 1000 });
    return token;
  };

  const code = fakeCodeManagement({
    now,
    componentTokenProblem: (token) => {
      const expiresAt = token ? tokens.get(token) : undefined;
      if (expiresAt === undefined) return 40001;
      return expiresAt <= now() ? 42001 : null;
    },
    authorizerOf: (token) => {
      const entry = token ? authorizerTokens.get(token) : undefined;
      if (!entry) return 40001;
      return entry.expiresAt <= now() ? 42001 : entry.appid;
    },
    push: (url, xml) => push(xml, url),
  });

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

  const approvalPage = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, form: string) => {
    const html = (status: number, content: string) =>
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>微信授权</title><body>${content}</body></html>`);
    if (req.method === "POST") {
      const fields = new URLSearchParams(form);
      approveCode(fields.get("pre_auth_code") ?? "", fields.get("appid") ?? "", fields.get("redirect_uri") ?? "").then(
        (back) => res.writeHead(302, { location: back }).end(),
        (problem: Error) => html(400, `<p>${problem.message}</p>`),
      );
      return;
    }
    const preAuthCode = url.searchParams.get("pre_auth_code") ?? "";
    const pre = preAuthCodes.get(preAuthCode);
    if (url.searchParams.get("component_appid") !== component.appid || !pre || pre.used || pre.expiresAt < now()) return html(400, "<p>授权链接已失效，请回到第三方平台重新发起授权。</p>");
    const redirectUri = url.searchParams.get("redirect_uri") ?? "";
    const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    const choices = [...miniPrograms].map(([appid, name]) =>
      `<form method="post" action="${url.pathname}"><input type="hidden" name="pre_auth_code" value="${escape(preAuthCode)}"><input type="hidden" name="redirect_uri" value="${escape(redirectUri)}"><input type="hidden" name="appid" value="${appid}"><button type="submit">授权「${escape(name)}」</button></form>`,
    );
    return html(200, `<h1>授权小程序</h1>${choices.join("")}`);
  };

  const control = (command: string, body: Record<string, unknown>, res: http.ServerResponse) => {
    const done = (result: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result ?? null));
    const failed = (problem: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(problem.message);
    switch (command) {
      case "event-url":
        eventUrl = String(body.url);
        return done({ ok: true });
      case "push-ticket":
        return void fake.pushTicket(String(body.url ?? eventUrl)).then(done, failed);
      case "mini-programs":
        miniPrograms.set(String(body.appid), String(body.name));
        return done({ ok: true });
      case "withdraw":
        return void fake.withdraw(String(body.appid)).then(done, failed);
      case "message-url":
        code.setMessageUrl(String(body.url));
        return done({ ok: true });
      case "template":
        code.addTemplate(Number(body.templateId), String(body.userVersion), String(body.desc ?? ""), Array.isArray(body.pages) ? body.pages.map(String) : undefined);
        return done({ ok: true });
      case "developer":
        code.bindDeveloper(String(body.appid));
        return done({ ok: true });
      case "upload": {
        // The fake WeChat CI hands over what a development Mini Program uploaded (see FakeApp.draftBox).
        const files = new Map(Object.entries((body.files ?? {}) as Record<string, string>).map(([name, base64]) => [name, Buffer.from(base64, "base64")]));
        return done({ draftId: code.receiveUpload({ appid: String(body.appid), version: String(body.version), desc: String(body.desc ?? ""), files }) });
      }
      case "decide-audits": {
        const rejected = new Map(Object.entries((body.reject ?? {}) as Record<string, string>));
        const screenshots = (body.screenshots ?? {}) as Record<string, string[]>;
        const verdict = (appid: string): AuditVerdict => (rejected.has(appid) ? { approve: false, reason: rejected.get(appid)!, screenshots: screenshots[appid] ?? [] } : { approve: true });
        return void code.decideAudits(verdict).then((decided) => done({ decided }), failed);
      }
      default:
        res.writeHead(404).end();
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      if (url.pathname === "/cgi-bin/componentloginpage" || url.pathname === "/wxaopen/safe/bindcomponent") return approvalPage(req, res, url, Buffer.concat(chunks).toString("utf8"));
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
      if (req.method === "POST" && url.pathname.startsWith("/__fake/")) return control(url.pathname.slice("/__fake/".length), body, res);
      const componentToken = url.searchParams.get("component_access_token");
      const tokenProblem = (): number | null => {
        const expiresAt = componentToken ? tokens.get(componentToken) : undefined;
        if (expiresAt === undefined) return 40001;
        return expiresAt <= now() ? 42001 : null;
      };
      if (req.method === "POST" && url.pathname === "/cgi-bin/component/api_create_preauthcode") {
        const problem = tokenProblem();
        if (problem) return error(res, problem);
        if (body.component_appid !== component.appid) return error(res, 61011);
        const code = `preauthcode@@@${randomBytes(24).toString("base64url")}`;
        preAuthCodes.set(code, { expiresAt: now() + 1800_000, used: false });
        return answer(res, { pre_auth_code: code, expires_in: 1800 });
      }
      if (req.method === "POST" && url.pathname === "/cgi-bin/component/api_query_auth") {
        const problem = tokenProblem();
        if (problem) return error(res, problem);
        const code = authCodes.get(String(body.authorization_code));
        if (!code || code.used) return error(res, 61009);
        if (code.expiresAt < now()) return error(res, 61010);
        code.used = true;
        const refreshToken = `refreshtoken@@@${randomBytes(24).toString("base64url")}`;
        authorizers.set(code.appid, { refreshToken, withdrawn: false, calls: 0 });
        return answer(res, {
          authorization_info: {
            authorizer_appid: code.appid,
            authorizer_access_token: issueAuthorizerToken(code.appid),
            expires_in: TOKEN_LIFETIME_S,
            authorizer_refresh_token: refreshToken,
            func_info: [17, 18, 25, 30].map((id) => ({ funcscope_category: { id }, confirm_info: { need_confirm: 0, already_confirm: 0, can_confirm: 0 } })),
          },
        });
      }
      if (req.method === "POST" && url.pathname === "/cgi-bin/component/api_authorizer_token") {
        const problem = tokenProblem();
        if (problem) return error(res, problem);
        const authorizer = authorizers.get(String(body.authorizer_appid));
        if (!authorizer || authorizer.withdrawn) return error(res, 61003);
        authorizer.calls += 1;
        if (body.authorizer_refresh_token !== authorizer.refreshToken) return error(res, 61023);
        return answer(res, { authorizer_access_token: issueAuthorizerToken(String(body.authorizer_appid)), expires_in: TOKEN_LIFETIME_S, authorizer_refresh_token: authorizer.refreshToken });
      }
      if (code.handle(req.method ?? "GET", url, body, res)) return;
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeOpenPlatform = {
    baseUrl: `http://127.0.0.1:${port}`,
    component,
    sealMessage,
    env: {
      WECHAT_COMPONENT_APPID: component.appid,
      WECHAT_COMPONENT_SECRET: component.secret,
      WECHAT_COMPONENT_TOKEN: component.token,
      WECHAT_COMPONENT_AES_KEY: component.aesKey,
      WECHAT_COMPONENT_API_BASE: `http://127.0.0.1:${port}`,
      WECHAT_COMPONENT_LOGIN_PAGE: `http://127.0.0.1:${port}/cgi-bin/componentloginpage`,
      WECHAT_COMPONENT_BIND_PAGE: `http://127.0.0.1:${port}/wxaopen/safe/bindcomponent`,
    },
    setEventUrl(url) {
      eventUrl = url;
    },
    addMiniProgram(appid, name) {
      miniPrograms.set(appid, name);
    },
    approve(link, appid) {
      const url = new URL(link);
      return approveCode(url.searchParams.get("pre_auth_code") ?? "", appid, url.searchParams.get("redirect_uri") ?? "");
    },
    async updateAuthorization(appid) {
      return (await pushAuthCode(appid, null)).answer;
    },
    async withdraw(appid) {
      const authorizer = authorizers.get(appid);
      if (authorizer) authorizer.withdrawn = true;
      for (const [token, entry] of authorizerTokens) if (entry.appid === appid) authorizerTokens.delete(token);
      return push(
        `<xml><AppId><![CDATA[${component.appid}]]></AppId><CreateTime>${Math.floor(now() / 1000)}</CreateTime><InfoType><![CDATA[unauthorized]]></InfoType><AuthorizerAppid><![CDATA[${appid}]]></AuthorizerAppid></xml>`,
      );
    },
    authorizerTokenValid: (appid, token) => {
      const entry = authorizerTokens.get(token);
      return entry !== undefined && entry.appid === appid && entry.expiresAt > now();
    },
    authorizerTokenCalls: (appid) => authorizers.get(appid)?.calls ?? 0,
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
    code,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}
