// A stand-in for WeChat's CI service (servicewechat.com/wxa/ci/*) that the real miniprogram-ci talks to in tests.
// It is an HTTP proxy: miniprogram-ci opens a CONNECT tunnel to servicewechat.com:443 through it (WECHAT_CI_PROXY),
// and it answers inside the tunnel over TLS with a certificate from a test authority the client trusts
// (WECHAT_CI_CA_FILE). It speaks the protocol as observed (shared/notes/platform.md):
//   POST /wxa/ci/getrandstr {appid, clientRand}     -> {errCode:0, data:{randomString}}
//   POST /wxa/ci/getattr {appid, signature}          -> the app's attributes, if the signature verifies
//   GET  /wxa/ci/getwhiteextlist                     -> the uploadable file types
//   POST /wxa/ci/upload?appid&version&desc&robot     -> gzip(wxapkg) with /ci.signature; {errCode:0, body:{...}}
//   POST /wxa/ci/testSourceURL?...&path=             -> the same, plus a QR image for the preview
// Like WeChat it checks the caller's address against the app's upload whitelist (-10008), the RSA signature over
// the random string it issued against the app's public key, the archive's contents and the main package's size,
// and, beyond WeChat, that every file is compiled and minified as miniprogram-ci's upload makes it (compiled-code.ts).
// Tests register apps and inject faults; plain HTTP requests to /__fake/* do the same from another process.
import { createPublicKey, constants, publicDecrypt, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import tls from "node:tls";
import { gunzipSync } from "node:zlib";
import QRCode from "qrcode";
import { compiledCodeProblem } from "./compiled-code";
import { makeTestCertificates } from "./test-ca";
import { readWxapkg } from "./wxapkg";

export type FakeApp = {
  appid: string;
  /** The public half of the app's code-upload key (PEM). */
  publicKey: string;
  /** The upload IP whitelist; every address when left out. */
  allowedIps?: string[];
  /**
   * The app is a third-party platform's development Mini Program: its uploads go to the platform's draft box, the
   * fake open platform at this address (POST <draftBox>/__fake/upload), as WeChat's CI hands them to the platform.
   */
  draftBox?: string;
};

/** Failures of WeChat's service, injected at the next upload or preview of an app. */
export const FAKE_FAULTS = ["invalid-ip", "too-large", "http-500", "hang", "reset"] as const;
export type FakeFault = (typeof FAKE_FAULTS)[number];

export type ReceivedPackage = {
  appid: string;
  kind: "upload" | "preview";
  version: string;
  desc: string;
  robot: number;
  /** A preview's start page and query, as `path?query`. */
  path?: string;
  /** The caller's address as WeChat would see it. */
  ip: string;
  files: Map<string, Buffer>;
};

export type FakeWechatCi = {
  /** The proxy address to give miniprogram-ci (WECHAT_CI_PROXY). */
  proxyUrl: string;
  /** The test authority to trust (WECHAT_CI_CA_FILE). */
  caFile: string;
  registerApp(app: FakeApp): void;
  /** The next `times` uploads or previews of `appid` fail this way (every one when `times` is left out). */
  setFault(appid: string, fault: FakeFault | null, times?: number): void;
  /** Every request that reached a WeChat endpoint, in order. */
  requests: { path: string; appid?: string }[];
  /** Every package that passed the checks and was accepted. */
  received: ReceivedPackage[];
  close(): Promise<void>;
};

const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;
const WHITELIST_REFERENCE = "https://developers.weixin.qq.com/miniprogram/dev/devtools/ci.html";

export async function startFakeWechatCi(options: { dir: string; port?: number }): Promise<FakeWechatCi> {
  const certificates = await makeTestCertificates(options.dir);
  const apps = new Map<string, FakeApp>();
  const faults = new Map<string, { fault: FakeFault; remaining: number }>();
  const randomStrings = new Map<string, string>();
  const requests: FakeWechatCi["requests"] = [];
  const received: ReceivedPackage[] = [];
  const hanging = new Set<http.ServerResponse>();

  const takeFault = (appid: string): FakeFault | undefined => {
    const entry = faults.get(appid);
    if (!entry) return undefined;
    if (--entry.remaining <= 0) faults.delete(appid);
    return entry.fault;
  };

  const verifySignature = (app: FakeApp, signature: string): boolean => {
    const issued = randomStrings.get(app.appid);
    try {
      const signed = JSON.parse(
        publicDecrypt({ key: createPublicKey(app.publicKey), padding: constants.RSA_PKCS1_PADDING }, Buffer.from(signature, "base64")).toString("utf8"),
      ) as { appid?: string; rand_str?: string };
      return signed.appid === app.appid && issued !== undefined && signed.rand_str === issued;
    } catch {
      return false;
    }
  };

  async function answerWechat(request: http.IncomingMessage, body: Buffer, response: http.ServerResponse, ip: string) {
    const url = new URL(request.url ?? "/", "https://servicewechat.com");
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(payload));
    };
    const json = () => JSON.parse(body.toString("utf8") || "{}") as Record<string, unknown>;

    if (url.pathname === "/wxa/ci/getrandstr") {
      const appid = String(json().appid ?? "");
      requests.push({ path: url.pathname, appid });
      if (!apps.has(appid)) return send(200, { errCode: 40013, errMsg: `invalid appid: ${appid}` });
      const randomString = randomBytes(8).toString("hex");
      randomStrings.set(appid, randomString);
      return send(200, { errCode: 0, data: { randomString } });
    }
    if (url.pathname === "/wxa/ci/getattr") {
      const { appid, signature } = json() as { appid?: string; signature?: string };
      requests.push({ path: url.pathname, appid });
      const app = apps.get(String(appid));
      if (!app || !verifySignature(app, String(signature ?? ""))) return send(200, { errCode: -1, errMsg: "get new ticket fail innerCode: -80011" });
      return send(200, {
        errCode: 0,
        data: { platform: false, appType: 0, isSandbox: false, released: false, setting: { MaxCodeSize: 2, MaxSubpackageSubCodeSize: 2, MaxSubpackageFullCodeSize: 20, NavigateMiniprogramLimit: 10, MaxSubPackageLimit: 100, MinTabbarCount: 2, MaxTabbarCount: 5, MaxCustomTabbarCount: 10, MaxTabbarIconSize: 40 } },
      });
    }
    if (url.pathname === "/wxa/ci/getwhiteextlist") {
      requests.push({ path: url.pathname });
      return send(200, { errCode: 0, data: { miniProgram: [".js", ".json", ".wxml", ".wxss", ".wxs", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"] } });
    }
    if (url.pathname !== "/wxa/ci/upload" && url.pathname !== "/wxa/ci/testSourceURL") {
      requests.push({ path: url.pathname });
      return send(404, { errCode: -1, errMsg: "not found" });
    }

    const appid = url.searchParams.get("appid") ?? "";
    requests.push({ path: url.pathname, appid });
    const app = apps.get(appid);
    if (!app) return send(200, { errCode: 40013, errMsg: `invalid appid: ${appid}` });
    const fault = takeFault(appid);
    if (fault === "reset") return request.socket.destroy();
    if (fault === "hang") return void hanging.add(response);
    if (fault === "http-500") {
      response.writeHead(500, { "content-type": "text/html" });
      return response.end("<html><body>500 Internal Server Error</body></html>");
    }
    if (fault === "invalid-ip" || (app.allowedIps && !app.allowedIps.includes(ip))) {
      return send(200, { errCode: -10008, errMsg: `invalid ip: ${ip}, reference: ${WHITELIST_REFERENCE}` });
    }

    let files: Map<string, Buffer>;
    try {
      files = readWxapkg(gunzipSync(body));
    } catch {
      return send(200, { errCode: -1, errMsg: "inner upload fail with errcode: -80057, errmsg: invalid package" });
    }
    const signature = files.get("/ci.signature");
    let signed = false;
    try {
      signed = signature !== undefined && verifySignature(app, String((JSON.parse(signature.toString("utf8")) as { signature?: unknown }).signature));
    } catch {
      signed = false;
    }
    randomStrings.delete(appid);
    if (!signed) return send(200, { errCode: -1, errMsg: "get new ticket fail innerCode: -80011" });
    if (!files.has("/app.json")) return send(200, { errCode: -1, errMsg: "inner upload fail with errcode: -80057, errmsg: invalid file: app.json not found" });
    for (const [name, content] of files) {
      const problem = name === "/ci.signature" ? null : compiledCodeProblem(name, content);
      if (problem) return send(200, { errCode: -1, errMsg: `inner upload fail with errcode: -80057, errmsg: ${name.slice(1)}: ${problem}` });
    }

    const mainBytes = mainPackageBytes(files);
    if (fault === "too-large" || mainBytes > MAIN_PACKAGE_LIMIT) {
      const kb = fault === "too-large" ? 2169 : Math.ceil(mainBytes / 1024);
      return send(200, { errCode: 80051, errMsg: `source size ${kb}KB exceed max limit 2MB` });
    }

    const kind = url.pathname === "/wxa/ci/upload" ? "upload" : "preview";
    received.push({
      appid,
      kind,
      version: url.searchParams.get("version") ?? "",
      desc: url.searchParams.get("desc") ?? "",
      robot: Number(url.searchParams.get("robot") ?? 0),
      path: url.searchParams.get("path") ?? undefined,
      ip,
      files,
    });
    const sizes = { subpackage_info: [{ name: "__FULL__", size: totalBytes(files) }, { name: "__APP__", size: mainBytes }] };
    if (kind === "upload" && app.draftBox) {
      const draft = await handToDraftBox(app.draftBox, { appid, version: url.searchParams.get("version") ?? "", desc: url.searchParams.get("desc") ?? "", files });
      if (!draft.ok) return send(200, { errCode: -1, errMsg: `inner upload fail with errcode: -80082, errmsg: ${draft.problem}` });
    }
    if (kind === "upload") return send(200, { errCode: 0, body: sizes });
    const target = `https://open.weixin.qq.com/sns/getexpappinfo?appid=${appid}&path=${encodeURIComponent(url.searchParams.get("path") ?? "")}#wechat-redirect`;
    const qrcode_img = (await QRCode.toBuffer(target, { type: "png", margin: 2, width: 280 })).toString("base64");
    return send(200, { errCode: 0, body: { ...sizes, qrcode_img } });
  }

  // WeChat's service, reached only through a tunnel; the tunnel's client address is the caller's.
  const wechat = http.createServer((request, response) => {
    const ip = normalizeIp((request.socket as tls.TLSSocket & { tunnelClientIp?: string }).tunnelClientIp ?? "");
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      answerWechat(request, Buffer.concat(chunks), response, ip).catch((error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
    });
  });
  const secureContext = tls.createSecureContext({ key: certificates.key, cert: certificates.cert });

  // The proxy: tunnels to servicewechat.com, and the control requests of tests in other processes.
  const proxy = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => control(request, Buffer.concat(chunks), response));
  });
  proxy.on("connect", (request, socket, head) => {
    if (request.url !== "servicewechat.com:443") {
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (head.length) socket.unshift(head);
    const secure = new tls.TLSSocket(socket, { isServer: true, secureContext }) as tls.TLSSocket & { tunnelClientIp?: string };
    secure.tunnelClientIp = (socket as Socket).remoteAddress ?? "";
    secure.on("error", () => socket.destroy());
    wechat.emit("connection", secure);
  });

  function control(request: http.IncomingMessage, body: Buffer, response: http.ServerResponse) {
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(payload));
    };
    try {
      if (request.method === "POST" && request.url === "/__fake/apps") {
        fake.registerApp(JSON.parse(body.toString("utf8")) as FakeApp);
        return send(200, { ok: true });
      }
      if (request.method === "POST" && request.url === "/__fake/faults") {
        const { appid, fault, times } = JSON.parse(body.toString("utf8")) as { appid: string; fault: FakeFault | null; times?: number };
        fake.setFault(appid, fault, times);
        return send(200, { ok: true });
      }
      if (request.method === "GET" && request.url === "/__fake/received") return send(200, received.map(describeReceived));
      send(404, { error: "unknown control request" });
    } catch (error) {
      send(400, { error: String(error) });
    }
  }

  await new Promise<void>((resolve) => proxy.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;

  const fake: FakeWechatCi = {
    proxyUrl: `http://127.0.0.1:${port}`,
    caFile: certificates.caFile,
    registerApp(app) {
      createPublicKey(app.publicKey);
      apps.set(app.appid, app);
    },
    setFault(appid, fault, times) {
      if (fault === null) faults.delete(appid);
      else faults.set(appid, { fault, remaining: times ?? Number.POSITIVE_INFINITY });
    },
    requests,
    received,
    async close() {
      for (const response of hanging) response.socket?.destroy();
      proxy.closeAllConnections();
      wechat.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
  return fake;
}

/** A received package as the control API reports it: what a test in another process can check. */
export function describeReceived(item: ReceivedPackage) {
  return {
    appid: item.appid,
    kind: item.kind,
    version: item.version,
    desc: item.desc,
    robot: item.robot,
    path: item.path,
    ip: item.ip,
    files: [...item.files.keys()].sort(),
    /** The store the package was generated for, from its baked snapshot (config/site.js). */
    tenantId: /tenantId"?\s*:\s*"([0-9a-f-]{36})"/.exec(item.files.get("/config/site.js")?.toString("utf8") ?? "")?.[1],
  };
}

/** WeChat's CI handing a development Mini Program's upload to its platform's draft box. */
async function handToDraftBox(draftBox: string, upload: { appid: string; version: string; desc: string; files: Map<string, Buffer> }): Promise<{ ok: true } | { ok: false; problem: string }> {
  const files = Object.fromEntries([...upload.files].filter(([name]) => name !== "/ci.signature").map(([name, content]) => [name.slice(1), content.toString("base64")]));
  try {
    const response = await fetch(new URL("/__fake/upload", draftBox), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...upload, files }) });
    const answer = (await response.json()) as { draftId?: number | null };
    return typeof answer.draftId === "number" ? { ok: true } : { ok: false, problem: `${upload.appid} is not a development Mini Program of the platform` };
  } catch (error) {
    return { ok: false, problem: `the platform's draft box cannot be reached: ${(error as Error).message}` };
  }
}

function normalizeIp(address: string): string {
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

/** The bytes of the main package: every file outside app.json's subpackage roots, less the signature. */
function mainPackageBytes(files: Map<string, Buffer>): number {
  let roots: string[] = [];
  try {
    const app = JSON.parse(files.get("/app.json")?.toString("utf8") ?? "{}") as { subPackages?: { root?: string }[]; subpackages?: { root?: string }[] };
    roots = (app.subPackages ?? app.subpackages ?? []).map((sub) => `/${String(sub.root ?? "").replace(/^\/|\/$/g, "")}/`);
  } catch {
    roots = [];
  }
  let bytes = 0;
  for (const [name, content] of files) {
    if (name === "/ci.signature" || name.endsWith(".map") || roots.some((root) => name.startsWith(root))) continue;
    bytes += content.length;
  }
  return bytes;
}

function totalBytes(files: Map<string, Buffer>): number {
  let bytes = 0;
  for (const [name, content] of files) if (name !== "/ci.signature" && !name.endsWith(".map")) bytes += content.length;
  return bytes;
}
