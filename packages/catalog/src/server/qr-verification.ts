// WeChat's check file for a store's ordinary-link QR rule ("扫普通链接二维码打开小程序"). The WeChat admin gives the
// merchant a small text file; WeChat fetches it from the last directory of the rule's prefix before accepting the
// rule. The prefix of a store's table codes is `<dashboard>/q/<store id>/`, so the file is served at
// `/q/<store id>/<name>` (apps/builder/next.config.ts routes it). One file per store: a new upload replaces it.
import type { Transaction } from "@kaidian/db";
import { z } from "zod";

/** What WeChat's files look like: a short name of letters and digits ending .txt, and a line of text. */
export const qrVerificationFileSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}\.txt$/, { error: "qrVerification.name.invalid" }),
  content: z
    .string()
    .trim()
    .min(1, { error: "qrVerification.content.empty" })
    .max(1024, { error: "qrVerification.content.tooLong" })
    .regex(/^[\x20-\x7e]+$/, { error: "qrVerification.content.invalid" }),
});
export type QrVerificationFile = z.infer<typeof qrVerificationFileSchema>;

/** Stores the store's check file, replacing an earlier one, in one statement. */
export async function saveQrVerificationFile(tx: Transaction, tenantId: string, input: QrVerificationFile) {
  const file = qrVerificationFileSchema.parse(input);
  return tx.qrVerificationFile.upsert({
    where: { tenantId },
    create: { tenantId, ...file },
    update: { ...file, uploadedAt: new Date() },
    select: { name: true, uploadedAt: true },
  });
}

/** The store's check file, if one was uploaded. */
export function readQrVerificationFile(tx: Transaction) {
  return tx.qrVerificationFile.findFirst({ select: { name: true, content: true, uploadedAt: true } });
}
