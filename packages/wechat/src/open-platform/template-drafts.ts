// The platform's template library, from its side of the draft box (代码草稿箱): the platform's development Mini
// Program (开发小程序, bound to the platform on open.weixin.qq.com) uploads the template package through miniprogram-ci
// with ext.json's extEnable, and the upload becomes a draft; `addtotemplate` makes a draft a template that
// `/wxa/commit` can commit to stores. Both calls take the platform's component_access_token. WeChat's answer to
// addtotemplate names no template id: the library listing (gettemplatelist) gives it, with the draft's id.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { WechatHttp } from "../server-api/http";
import { WechatApiError } from "../server-api/errors";
import { checkUploadKey } from "../upload-key";
import type { ComponentTokens } from "./component-token";

export type TemplateDraft = { draftId: number; userVersion: string; userDesc: string; createdAt: Date };

const draftListSchema = z.object({
  draft_list: z
    .array(z.object({ draft_id: z.number().int(), user_version: z.string().default(""), user_desc: z.string().default(""), create_time: z.number().int() }))
    .default([]),
});

export class TemplateDrafts {
  constructor(private readonly tokens: Pick<ComponentTokens, "get" | "http">) {}

  /** Every draft in the platform's draft box, as WeChat lists them. */
  async list(): Promise<TemplateDraft[]> {
    const answer = await this.tokens.http.get("/wxa/gettemplatedraftlist", { access_token: await this.tokens.get() });
    const parsed = draftListSchema.safeParse(answer);
    if (!parsed.success) throw new WechatApiError(null, "gettemplatedraftlist answered without a draft_list", "/wxa/gettemplatedraftlist", "wechat.rejected");
    return parsed.data.draft_list.map((draft) => ({ draftId: draft.draft_id, userVersion: draft.user_version, userDesc: draft.user_desc, createdAt: new Date(draft.create_time * 1000) }));
  }

  /** Makes the draft a template of the ordinary library (template_type 0); WeChat answers 85064 (no such draft), 85065 (library full). */
  async addToTemplate(draftId: number): Promise<void> {
    await this.tokens.http.post("/wxa/addtotemplate", { access_token: await this.tokens.get() }, { draft_id: draftId, template_type: 0 });
  }
}

/**
 * The platform's development Mini Program, whose uploads become drafts: WECHAT_COMPONENT_DEV_APPID and the PEM file
 * of its code-upload key, WECHAT_COMPONENT_DEV_KEY_FILE. Null when neither is set; an Error naming what is wrong.
 */
export function templateDeveloperSettings(env: Record<string, string | undefined>): { appid: string; privateKey: string } | null {
  const appid = env.WECHAT_COMPONENT_DEV_APPID?.trim();
  const keyFile = env.WECHAT_COMPONENT_DEV_KEY_FILE?.trim();
  if (!appid && !keyFile) return null;
  if (!appid || !/^wx[0-9a-f]{16}$/.test(appid)) throw new Error("WECHAT_COMPONENT_DEV_APPID must be an appid: wx and 16 hex digits");
  if (!keyFile) throw new Error("WECHAT_COMPONENT_DEV_KEY_FILE is missing: the code-upload key (PEM) of the development Mini Program");
  let text: string;
  try {
    text = readFileSync(keyFile, "utf8");
  } catch {
    throw new Error(`WECHAT_COMPONENT_DEV_KEY_FILE cannot be read: ${keyFile}`);
  }
  try {
    return { appid, privateKey: checkUploadKey(text).pem };
  } catch (error) {
    throw new Error(`WECHAT_COMPONENT_DEV_KEY_FILE is not a usable code-upload key (${(error as { code?: string }).code ?? "unreadable"})`);
  }
}
