"use server";
// The owner's 消息通知 settings: for one purpose, the template picked in WeChat's admin and which of its keywords gets
// each value the purpose carries (@kaidian/messages' templateSchemaFor is the rule); everything blank clears it.
import { DomainError } from "@kaidian/accounts";
import { recordAudit } from "@kaidian/audit";
import { MESSAGE_PURPOSES, type MessagePurpose, purposeFields, templateSchemaFor, type SubscribeTemplate } from "@kaidian/messages";
import { saveTemplate } from "@kaidian/messages/server";
import { assertCan, inStore, storeRefSchema } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auditActor } from "../audit";
import { database } from "../db";
import { formAction } from "../form-action";
import { requireStore } from "../session";

/**
 * Each purpose's fields are named after it (`orderPaid.templateId`, `orderPaid.orderNumber`, …), so the page's five
 * forms never share an input id; one form saves one purpose.
 */
const purposeFieldNames = (purpose: MessagePurpose) => [`${purpose}.templateId`, ...purposeFields(purpose).map(({ key }) => `${purpose}.${key}`)];
const textFields = Object.fromEntries(MESSAGE_PURPOSES.flatMap(purposeFieldNames).map((name) => [name, z.string().max(100).default("")])) as Record<string, z.ZodDefault<z.ZodString>>;

export const saveMessageTemplateAction = formAction(
  z.object({ store: storeRefSchema, purpose: z.enum(MESSAGE_PURPOSES), ...textFields }),
  async ({ store, purpose, ...form }) => {
    const access = await requireStore(store);
    assertCan(access.roles, "settings");
    const typed = (name: string) => ((form as Record<string, string>)[`${purpose}.${name}`] ?? "").trim();
    const templateId = typed("templateId");
    const keywords = Object.fromEntries(
      purposeFields(purpose)
        .map(({ key }) => [key, typed(key)] as const)
        .filter(([, keyword]) => keyword !== ""),
    );
    let template: SubscribeTemplate | null = null;
    if (templateId !== "" || Object.keys(keywords).length > 0) {
      const parsed = templateSchemaFor(purpose).safeParse({ templateId, keywords });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        // The refusal goes to the field it is about: the id, or the value whose keyword is wrong or missing.
        const field = issue.path[0] === "templateId" ? "templateId" : String(issue.path[1] ?? purposeFields(purpose)[0]!.key);
        throw new DomainError(issue.message, `${purpose}.${field}`);
      }
      template = parsed.data;
    }
    const actor = await auditActor(access.userId);
    await inStore(database(), access, async (tx) => {
      await saveTemplate(tx, access.store.id, purpose, template, access.userId);
      await recordAudit(tx, { tenantId: access.store.id, actor, action: "messages.templateChanged", details: { purpose, templateId: template?.templateId ?? "" } });
    });
    revalidatePath(`/stores/${access.store.slug}/settings/messages`);
    return { purpose, cleared: template === null };
  },
);
