// Code management for an authorised Mini Program (代码管理), called with its authorizer_access_token: commit the
// platform's template with the store's ext.json (a trial version), submit it for audit, read an audit's status,
// release the approved version, and revert the live one. WeChat's errcodes come back as WechatApiError kinds
// (release.*) the dashboard explains to the merchant.
import { z } from "zod";
import type { WechatHttp } from "../server-api/http";
import { WechatApiError } from "../server-api/errors";
import type { Authorizations } from "./authorizations";

/** What the store's copy of the template reads with wx.getExtConfigSync(), plus WeChat's own ext.json keys. */
export type ExtJson = { extAppid: string; ext: Record<string, string | number | boolean> } & Record<string, unknown>;

/** The service category (服务类目) the Mini Program is audited under, as set in its WeChat admin. */
const className = z.string({ error: "platformRelease.category.invalid" }).trim().min(1, { error: "platformRelease.category.invalid" }).max(20, { error: "platformRelease.category.invalid" });
export const auditCategorySchema = z.object({
  firstClass: className,
  secondClass: className,
  firstId: z.number().int().positive().optional(),
  secondId: z.number().int().positive().optional(),
});
export type AuditCategory = z.infer<typeof auditCategorySchema>;

export type AuditStatus =
  | { status: "approved" }
  | { status: "rejected"; reason: string; screenshots: string[] }
  | { status: "auditing" }
  | { status: "delayed"; reason: string }
  | { status: "withdrawn" };

const categoriesSchema = z.object({
  category_list: z
    .array(z.object({ first_class: z.string(), second_class: z.string(), first_id: z.number().int().positive(), second_id: z.number().int().positive() }))
    .default([]),
});

const auditStatusSchema = z.object({ status: z.number().int(), reason: z.string().default(""), ScreenShot: z.string().default("") });

export class MiniProgramCode {
  constructor(
    private readonly http: WechatHttp,
    private readonly authorizations: Pick<Authorizations, "accessToken">,
  ) {}

  /** Uploads the template as the store's trial version (体验版), with its ext.json. */
  async commit(tenantId: string, version: { templateId: number; extJson: ExtJson; userVersion: string; userDesc: string }): Promise<void> {
    await this.call(tenantId, "POST", "/wxa/commit", {
      template_id: version.templateId,
      ext_json: JSON.stringify(version.extJson),
      user_version: version.userVersion,
      user_desc: version.userDesc,
    });
  }

  /** The service categories (服务类目) set in the Mini Program's WeChat admin: the only ones it may be audited under. */
  async categories(tenantId: string): Promise<Required<AuditCategory>[]> {
    const parsed = categoriesSchema.safeParse(await this.call(tenantId, "GET", "/wxa/get_category"));
    if (!parsed.success) throw new WechatApiError(null, "get_category answered without a category_list", "/wxa/get_category", "wechat.rejected");
    return parsed.data.category_list.map((entry) => ({ firstClass: entry.first_class, secondClass: entry.second_class, firstId: entry.first_id, secondId: entry.second_id }));
  }

  /** Submits the trial version for WeChat's audit; the audit's id. The result is pushed later. */
  async submitAudit(tenantId: string, audit: { category: AuditCategory; versionDesc: string }): Promise<number> {
    const { category } = audit;
    const answer = await this.call(tenantId, "POST", "/wxa/submit_audit", {
      item_list: [{ first_class: category.firstClass, second_class: category.secondClass, first_id: category.firstId, second_id: category.secondId }],
      version_desc: audit.versionDesc,
      // The template's privacy interfaces are declared in its ext.json; any WeChat detects beyond them are unused.
      privacy_api_not_use: true,
    });
    if (typeof answer.auditid !== "number") throw new WechatApiError(null, "submit_audit answered without an auditid", "/wxa/submit_audit", "wechat.rejected");
    return answer.auditid;
  }

  async auditStatus(tenantId: string, auditId: number): Promise<AuditStatus> {
    const parsed = auditStatusSchema.safeParse(await this.call(tenantId, "POST", "/wxa/get_auditstatus", { auditid: auditId }));
    if (!parsed.success) throw new WechatApiError(null, "get_auditstatus answered without a status", "/wxa/get_auditstatus", "wechat.rejected");
    const { status, reason, ScreenShot } = parsed.data;
    switch (status) {
      case 0:
        return { status: "approved" };
      case 1:
        return { status: "rejected", reason, screenshots: ScreenShot.split("|").filter(Boolean) };
      case 2:
        return { status: "auditing" };
      case 3:
        return { status: "withdrawn" };
      default:
        return { status: "delayed", reason };
    }
  }

  /** Makes the approved version the live one. */
  async release(tenantId: string): Promise<void> {
    await this.call(tenantId, "POST", "/wxa/release", {});
  }

  /** Puts the previous live version back. */
  async revert(tenantId: string): Promise<void> {
    await this.call(tenantId, "GET", "/wxa/revertcoderelease");
  }

  private async call(tenantId: string, method: "GET" | "POST", path: string, body?: unknown) {
    const query = { access_token: await this.authorizations.accessToken(tenantId) };
    return method === "GET" ? this.http.get(path, query) : this.http.post(path, query, body);
  }
}
