// The platform's template library (模板库), as WeChat lists it: the audited templates a store's Mini Program can be
// committed with, each with the version and description it was added with. Called with the component token.
import { z } from "zod";
import { WechatApiError } from "../server-api/errors";
import type { ComponentTokens } from "./component-token";

export type PlatformTemplate = { templateId: number; userVersion: string; userDesc: string; createdAt: Date };

const listSchema = z.object({
  template_list: z
    .array(z.object({ template_id: z.number().int(), user_version: z.string(), user_desc: z.string().default(""), create_time: z.number().int(), template_type: z.number().int().default(0) }))
    .default([]),
});

/** The library's normal templates (template_type 0; standard templates are WeChat's own), newest first. */
export async function listPlatformTemplates(component: Pick<ComponentTokens, "http" | "get">): Promise<PlatformTemplate[]> {
  const path = "/wxa/gettemplatelist";
  const parsed = listSchema.safeParse(await component.http.get(path, { access_token: await component.get(), template_type: "0" }));
  if (!parsed.success) throw new WechatApiError(null, "gettemplatelist answered without a template_list", path, "wechat.rejected");
  return parsed.data.template_list
    .filter((entry) => entry.template_type === 0)
    .map((entry) => ({ templateId: entry.template_id, userVersion: entry.user_version, userDesc: entry.user_desc, createdAt: new Date(entry.create_time * 1000) }))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.templateId - a.templateId);
}
