// The code management part of the fake open platform (代码管理): what the platform does for an authorised Mini
// Program with its authorizer_access_token. It keeps WeChat's rules and errcodes:
//   POST /wxa/commit              a template in the library (85014), ext_json a JSON object string (85048) whose
//                                 extAppid is the Mini Program's own (85013), whose `window`, `tabBar` and `extPages`
//                                 are what app.json and page JSON allow (85013: objects, the window's colours and text
//                                 style, a tab list of 2 to 5 tabs with pagePath and text) and name only pages the
//                                 template has (85045: extPages' keys, the tabs' and `pages`' paths, checked against
//                                 the app.json of the draft the template came from); user_version ≤ 64 chars → the
//                                 trial version
//   POST /wxa/submit_audit        a committed version (85086), no audit already running (85009), a category in
//                                 item_list (85008), the platform's monthly audit quota (85085) → auditid; the result is
//                                 pushed later to the Mini Program's 消息与事件接收URL ($APPID$ replaced)
//   POST /wxa/get_auditstatus     status 0 approved, 1 rejected (Reason, ScreenShot), 2 auditing, 4 delayed
//   POST /wxa/release             an approved version not yet released (85019) → the live version
//   GET  /wxa/revertcoderelease   the live version back to the previous one (87012 when there is none)
//   GET  /wxa/get_category        the service categories set in the Mini Program's admin (submit_audit refuses any
//                                 other with 85008)
// The template library, called with the component token (its own route block below):
//   GET  /wxa/gettemplatelist     the library's templates (template_type 0 normal, 1 standard) with version and
//                                 description, as addTemplate (or /__fake/template) filled it
// The audit's verdict is the test's to give (decideAudits), with WeChat's reason for a rejection.
// The template library's drafts (their own block below), with the platform's component_access_token:
//   an upload by the platform's development Mini Program (bound with bindDeveloper) through the fake WeChat CI
//                                 becomes a draft (receiveUpload): draft_id, user_version, user_desc, create_time
//   GET  /wxa/gettemplatedraftlist   draft_list, oldest first
//   POST /wxa/addtotemplate       a draft in the box (85064), a library not full (85065, 200 templates) → a template
//                                 with its own template_id, the draft kept in the box
import { randomBytes } from "node:crypto";
import type http from "node:http";

export type AuditVerdict = { approve: true } | { approve: false; reason: string; screenshots?: string[] };

type Version = { templateId: number; extJson: Record<string, unknown>; userVersion: string; userDesc: string };
type Audit = { id: number; appid: string; version: Version; status: 0 | 1 | 2 | 4; reason: string; screenshots: string[]; released: boolean };
type MiniProgramCode = { trial: Version | null; commits: number; audit: Audit | null; live: Version | null; previous: Version | null };
/** A template of the library; one added from a draft keeps the draft's id and where it came from. */
type Template = {
  userVersion: string;
  desc: string;
  draftId?: number;
  createTime?: number;
  sourceAppid?: string;
  templateType?: number;
  /** The pages of the template's app.json (subpackages' with their root): what a commit's ext_json may name. */
  pages?: ReadonlySet<string>;
};
type Draft = { draftId: number; userVersion: string; userDesc: string; createTime: number; sourceAppid: string; files: ReadonlyMap<string, Buffer> };

/** WeChat's cap on a platform's template library. */
const TEMPLATE_LIBRARY_MAX = 200;

const ERRMSG: Record<number, string> = {
  85008: "category is invalid",
  85009: "already has an auditing version",
  85013: "invalid ext_json extAppid",
  85014: "template not exist",
  85045: "some path in ext_json not exist",
  85019: "no audit version to release",
  85048: "parse ext_json fail",
  85085: "submit audit reach limit, please try later",
  85086: "must commit before submit audit",
  85064: "template not found",
  85065: "template list is full",
  87012: "this version can not be reverted",
};

export type CodeManagementDeps = {
  now(): number;
  /** The Mini Program a valid authorizer_access_token acts for, or WeChat's errcode for the token. */
  authorizerOf(token: string | null): string | number;
  /** WeChat's errcode for a component_access_token it would refuse now, or null. */
  componentTokenProblem(token: string | null): number | null;
  /** Seals and posts a push to a URL, as WeChat does. */
  push(url: string, xml: string): Promise<unknown>;
};

export function fakeCodeManagement(deps: CodeManagementDeps) {
  const templates = new Map<number, Template>();
  /** What a new Mini Program's admin has as its service categories (服务类目). */
  const CATEGORIES = [
    { first_class: "商业服务", second_class: "软件服务提供商", first_id: 150, second_id: 151 },
    { first_class: "商家自营", second_class: "服装/鞋/箱包", first_id: 304, second_id: 305 },
    { first_class: "餐饮服务", second_class: "点餐平台", first_id: 220, second_id: 221 },
  ];
  const programs = new Map<string, MiniProgramCode>();
  const audits = new Map<number, Audit>();
  let nextAuditId = 412_000_000 + Number(randomBytes(2).readUInt16BE());
  let auditQuota = 20;
  let messageUrl: string | null = null;

  const program = (appid: string) => {
    let found = programs.get(appid);
    if (!found) programs.set(appid, (found = { trial: null, commits: 0, audit: null, live: null, previous: null }));
    return found;
  };

  const pushAudit = async (audit: Audit) => {
    if (!messageUrl) return;
    const at = Math.floor(deps.now() / 1000);
    const head = `<xml><ToUserName><![CDATA[gh_${audit.appid.slice(2, 14)}]]></ToUserName><FromUserName><![CDATA[o${randomBytes(8).toString("hex")}]]></FromUserName><CreateTime>${at}</CreateTime><MsgType><![CDATA[event]]></MsgType>`;
    const xml =
      audit.status === 0
        ? `${head}<Event><![CDATA[weapp_audit_success]]></Event><SuccTime>${at}</SuccTime></xml>`
        : audit.status === 1
          ? `${head}<Event><![CDATA[weapp_audit_fail]]></Event><Reason><![CDATA[${audit.reason}]]></Reason><FailTime>${at}</FailTime><ScreenShot><![CDATA[${audit.screenshots.join("|")}]]></ScreenShot></xml>`
          : `${head}<Event><![CDATA[weapp_audit_delay]]></Event><Reason><![CDATA[${audit.reason}]]></Reason><DelayTime>${at}</DelayTime></xml>`;
    // An unreachable platform misses the push, as it would WeChat's: the verdict stays readable by get_auditstatus.
    await deps.push(messageUrl.replace("$APPID$", audit.appid), xml).catch(() => undefined);
  };

  const answer = (res: http.ServerResponse, body: Record<string, unknown>) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errcode: 0, errmsg: "ok", ...body }));
  const error = (res: http.ServerResponse, errcode: number) =>
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errcode, errmsg: `${ERRMSG[errcode] ?? "error"} rid: ${randomBytes(4).toString("hex")}` }));

  /** The template library's calls, with the component token. */
  function handleLibrary(method: string, url: URL, res: http.ServerResponse): boolean {
    if (`${method} ${url.pathname}` !== "GET /wxa/gettemplatelist") return false;
    const problem = deps.componentTokenProblem(url.searchParams.get("access_token"));
    if (problem !== null) {
      error(res, problem);
      return true;
    }
    const type = url.searchParams.get("template_type");
    const list = [...templates].map(([templateId, entry]) => ({
      create_time: entry.createTime ?? 0,
      user_version: entry.userVersion,
      user_desc: entry.desc,
      template_id: templateId,
      draft_id: entry.draftId ?? templateId,
      source_miniprogram_appid: entry.sourceAppid ?? "wxd0c0de0c0de0c0de",
      source_miniprogram: "开店模板开发小程序",
      developer: "kaidian",
      template_type: entry.templateType ?? 0,
      category_list: [],
      audit_scene: 0,
      audit_status: 0,
      reason: "",
    }));
    answer(res, { template_list: type === null ? list : list.filter((entry) => String(entry.template_type) === type) });
    return true;
  }

  /** Answers a code management call; false when the path is not one. */
  function handle(method: string, url: URL, body: Record<string, unknown>, res: http.ServerResponse): boolean {
    const routes: Record<string, (appid: string) => void> = {
      "POST /wxa/commit": (appid) => {
        const templateId = Number(body.template_id);
        if (!templates.has(templateId)) return error(res, 85014);
        let extJson: unknown;
        try {
          extJson = JSON.parse(String(body.ext_json ?? ""));
        } catch {
          return error(res, 85048);
        }
        if (!isObject(extJson)) return error(res, 85048);
        const problem = extJsonProblem(extJson, appid, templates.get(templateId)!.pages);
        if (problem !== null) return error(res, problem);
        const userVersion = String(body.user_version ?? "");
        if (!userVersion || userVersion.length > 64) return error(res, 47001);
        const code = program(appid);
        code.trial = { templateId, extJson: extJson as Record<string, unknown>, userVersion, userDesc: String(body.user_desc ?? "") };
        code.commits += 1;
        answer(res, {});
      },
      "POST /wxa/submit_audit": (appid) => {
        const code = program(appid);
        if (!code.trial) return error(res, 85086);
        if (code.audit && (code.audit.status === 2 || code.audit.status === 4)) return error(res, 85009);
        const items = Array.isArray(body.item_list) ? (body.item_list as Record<string, unknown>[]) : [];
        const allowed = (item: Record<string, unknown>) => CATEGORIES.some((known) => known.first_class === item.first_class && known.second_class === item.second_class);
        if (items.length === 0 || items.length > 5 || !items.every(allowed)) return error(res, 85008);
        if (auditQuota <= 0) return error(res, 85085);
        auditQuota -= 1;
        const audit: Audit = { id: nextAuditId++, appid, version: code.trial, status: 2, reason: "", screenshots: [], released: false };
        code.audit = audit;
        audits.set(audit.id, audit);
        answer(res, { auditid: audit.id });
      },
      "GET /wxa/get_category": () => answer(res, { category_list: CATEGORIES.map((entry) => ({ ...entry, third_class: "", third_id: 0, audit_status: 3, audit_reason: "" })) }),
      "POST /wxa/get_auditstatus": (appid) => {
        const audit = audits.get(Number(body.auditid));
        if (!audit || audit.appid !== appid) return error(res, 85012);
        answer(res, { status: audit.status, reason: audit.reason, ScreenShot: audit.screenshots.join("|") });
      },
      "POST /wxa/release": (appid) => {
        const code = program(appid);
        const audit = code.audit;
        if (!audit || audit.status !== 0 || audit.released) return error(res, 85019);
        audit.released = true;
        code.previous = code.live;
        code.live = audit.version;
        answer(res, {});
      },
      "GET /wxa/revertcoderelease": (appid) => {
        const code = program(appid);
        if (!code.previous) return error(res, 87012);
        code.live = code.previous;
        code.previous = null;
        answer(res, {});
      },
    };
    if (handleLibrary(method, url, res)) return true;
    if (handleDrafts(method, url, body, res)) return true;
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return false;
    const appid = deps.authorizerOf(url.searchParams.get("access_token"));
    if (typeof appid === "number") {
      error(res, appid);
      return true;
    }
    route(appid);
    return true;
  }

  // ---- The template library's drafts ----
  const drafts = new Map<number, Draft>();
  const developers = new Set<string>();
  let nextDraftId = 1;
  let nextTemplateId = 1 + Math.max(0, ...templates.keys());

  function handleDrafts(method: string, url: URL, body: Record<string, unknown>, res: http.ServerResponse): boolean {
    const routes: Record<string, () => void> = {
      "GET /wxa/gettemplatedraftlist": () =>
        answer(res, {
          draft_list: [...drafts.values()].map((draft) => ({ create_time: draft.createTime, user_version: draft.userVersion, user_desc: draft.userDesc, draft_id: draft.draftId })),
        }),
      "POST /wxa/addtotemplate": () => {
        const draft = drafts.get(Number(body.draft_id));
        if (body.draft_id === undefined || !draft) return error(res, 85064);
        if (templates.size >= TEMPLATE_LIBRARY_MAX) return error(res, 85065);
        nextTemplateId = Math.max(nextTemplateId, 1 + Math.max(0, ...templates.keys()));
        templates.set(nextTemplateId++, {
          pages: appPages(draft.files),
          userVersion: draft.userVersion,
          desc: draft.userDesc,
          draftId: draft.draftId,
          createTime: Math.floor(deps.now() / 1000),
          sourceAppid: draft.sourceAppid,
          templateType: Number(body.template_type ?? 0),
        });
        answer(res, {});
      },
    };
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return false;
    const problem = deps.componentTokenProblem(url.searchParams.get("access_token"));
    if (problem !== null) error(res, problem);
    else route();
    return true;
  }

  return {
    handle,
    /** Binds a development Mini Program to the platform: its uploads become drafts. */
    bindDeveloper(appid: string) {
      developers.add(appid);
    },
    /** An upload WeChat's CI accepted: a draft when it came from a bound development Mini Program; the draft's id. */
    receiveUpload(upload: { appid: string; version: string; desc: string; files: ReadonlyMap<string, Buffer> }): number | null {
      if (!developers.has(upload.appid)) return null;
      const draft: Draft = { draftId: nextDraftId++, userVersion: upload.version, userDesc: upload.desc, createTime: Math.floor(deps.now() / 1000), sourceAppid: upload.appid, files: upload.files };
      drafts.set(draft.draftId, draft);
      return draft.draftId;
    },
    /** The library's templates: the ids commit takes, with the draft each was added from. */
    templates: () => [...templates].map(([templateId, template]) => ({ templateId, ...template })),
    /** A draft's files as uploaded, for tests to read. */
    draftFiles: (draftId: number) => drafts.get(draftId)?.files ?? null,
    /** The Mini Programs' 消息与事件接收URL, with $APPID$ where each one's appid goes. */
    setMessageUrl(url: string) {
      messageUrl = url;
    },
    /** A template put in the library directly; without its `pages`, a commit's ext_json paths go unchecked. */
    addTemplate(templateId: number, userVersion: string, desc = "", pages?: readonly string[]) {
      templates.set(templateId, { userVersion, desc, createTime: Math.floor(deps.now() / 1000), ...(pages ? { pages: new Set(pages) } : {}) });
    },
    setAuditQuota(count: number) {
      auditQuota = count;
    },
    auditQuotaLeft: () => auditQuota,
    /** Gives every running audit its verdict (by Mini Program) and pushes the result; the audits decided. */
    async decideAudits(verdict: (appid: string) => AuditVerdict = () => ({ approve: true })): Promise<number> {
      const running = [...audits.values()].filter((audit) => audit.status === 2 || audit.status === 4);
      for (const audit of running) {
        const given = verdict(audit.appid);
        audit.status = given.approve ? 0 : 1;
        if (!given.approve) {
          audit.reason = given.reason;
          audit.screenshots = given.screenshots ?? [];
        }
        await pushAudit(audit);
      }
      return running.length;
    },
    /** What WeChat holds for a Mini Program: its trial, live version and how many times code was committed. */
    codeOf(appid: string) {
      const code = program(appid);
      return { trial: code.trial, live: code.live, commits: code.commits, auditing: code.audit?.status === 2 };
    },
  };
}

export type FakeCodeManagement = ReturnType<typeof fakeCodeManagement>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const COLOR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The pages an uploaded package's app.json lists, its subpackages' under their root. */
function appPages(files: ReadonlyMap<string, Buffer>): ReadonlySet<string> | undefined {
  let app: unknown;
  try {
    app = JSON.parse(files.get("app.json")?.toString("utf8") ?? "");
  } catch {
    return undefined;
  }
  if (!isObject(app) || !Array.isArray(app.pages)) return undefined;
  const found = new Set(app.pages.filter((page): page is string => typeof page === "string"));
  const subpackages = [app.subPackages, app.subpackages].flatMap((list) => (Array.isArray(list) ? list : []));
  for (const sub of subpackages) {
    if (!isObject(sub) || typeof sub.root !== "string" || !Array.isArray(sub.pages)) continue;
    for (const page of sub.pages) if (typeof page === "string") found.add(`${sub.root.replace(/\/+$/, "")}/${page}`);
  }
  return found;
}

/**
 * WeChat's refusals of a commit's ext_json past its syntax: 85013 for an extAppid not the Mini Program's or a look
 * app.json would not take, 85045 for a page the template does not have. null when it is accepted.
 */
function extJsonProblem(ext: Record<string, unknown>, appid: string, pages: ReadonlySet<string> | undefined): number | null {
  if (ext.extAppid !== appid) return 85013;
  const named: unknown[] = [];
  if (ext.window !== undefined && !windowAllowed(ext.window)) return 85013;
  if (ext.extPages !== undefined) {
    if (!isObject(ext.extPages) || !Object.values(ext.extPages).every(windowAllowed)) return 85013;
    named.push(...Object.keys(ext.extPages));
  }
  if (ext.tabBar !== undefined) {
    const tabBar = ext.tabBar;
    if (!isObject(tabBar) || !Array.isArray(tabBar.list) || tabBar.list.length < 2 || tabBar.list.length > 5) return 85013;
    if (!tabBar.list.every((tab) => isObject(tab) && typeof tab.pagePath === "string" && typeof tab.text === "string" && tab.text !== "")) return 85013;
    for (const key of ["color", "selectedColor", "backgroundColor"]) if (tabBar[key] !== undefined && !(typeof tabBar[key] === "string" && COLOR.test(tabBar[key]))) return 85013;
    if (tabBar.borderStyle !== undefined && tabBar.borderStyle !== "black" && tabBar.borderStyle !== "white") return 85013;
    named.push(...tabBar.list.map((tab) => (tab as { pagePath: string }).pagePath));
  }
  if (ext.pages !== undefined) {
    if (!Array.isArray(ext.pages) || ext.pages.length === 0) return 85013;
    named.push(...ext.pages);
  }
  if (pages && !named.every((page) => typeof page === "string" && pages.has(page))) return 85045;
  return null;
}

/** A window (app.json's, or a page's in extPages) as WeChat's schema takes it: its colours and styles, text a string. */
function windowAllowed(window: unknown): boolean {
  if (!isObject(window)) return false;
  const { navigationBarTitleText: title, navigationBarBackgroundColor: barColor, navigationBarTextStyle: textStyle, backgroundColor, backgroundTextStyle } = window;
  if (title !== undefined && typeof title !== "string") return false;
  if (barColor !== undefined && !(typeof barColor === "string" && COLOR.test(barColor))) return false;
  if (backgroundColor !== undefined && !(typeof backgroundColor === "string" && COLOR.test(backgroundColor))) return false;
  if (textStyle !== undefined && textStyle !== "black" && textStyle !== "white") return false;
  return backgroundTextStyle === undefined || backgroundTextStyle === "dark" || backgroundTextStyle === "light";
}
