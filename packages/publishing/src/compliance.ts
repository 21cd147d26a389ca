// What a store needs besides its code to go live in China: the publishing pathway, the business license holder, the
// ICP filing and the Mini Program filing, the WeChat service category its template needs (and a food business
// license for restaurants), and the privacy guide entered in WeChat's admin.
import { lineText } from "@kaidian/catalog";
import { type SaveFrom, staleRevision, type Transaction } from "@kaidian/db";
import { personalDataSignature, type PersonalDataUse } from "@kaidian/templates";
import { z } from "zod";

/**
 * - internationalEntity: the Mini Program is registered to the foreign company: quick, but it cannot obtain the
 *   filings, so it can be tested and not released;
 * - chineseEntity: a Chinese company of the merchant's own (e.g. a WFOE) holds the license and the filings;
 * - localPartner: a Chinese partner's business license carries the filings and the partner keeps them current.
 */
export const PUBLISHING_PATHWAYS = ["internationalEntity", "chineseEntity", "localPartner"] as const;
export type PublishingPathway = (typeof PUBLISHING_PATHWAYS)[number];

export const FILING_STATUSES = ["notStarted", "inProgress", "approved"] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

/** A Mini Program's ICP filing number: province, "ICP备", the number, "号", and the service suffix such as "-2X". */
const ICP_FILING = /^[\u4e00-\u9fa5]ICP备\d{8,12}号(-\d{1,3}X?)?$/;
/** 食品经营许可证 numbers: "JY" and 14 digits. */
const FOOD_LICENSE = /^JY\d{14}$/;

const optionalText = (max: number, pattern: RegExp, error: string) =>
  z.string().trim().max(max, { error }).refine((value) => value === "" || pattern.test(value), { error }).default("");

export const complianceProfileSchema = z.object({
  pathway: z.enum(PUBLISHING_PATHWAYS, { error: "compliance.pathway.invalid" }).nullable().default(null),
  /** The company name on the business license (营业执照) the Mini Program is registered to. */
  licenseHolder: z
    .string()
    .trim()
    .max(100, { error: "compliance.licenseHolder.tooLong" })
    .refine((value) => lineText(100).safeParse(value).success, { error: "compliance.licenseHolder.invalid" })
    .default(""),
  icpFilingNumber: optionalText(40, ICP_FILING, "compliance.icpFilingNumber.invalid"),
  miniProgramFiling: z.enum(FILING_STATUSES, { error: "compliance.miniProgramFiling.invalid" }).default("notStarted"),
  /** The merchant set the service category the template needs in WeChat's admin. */
  categoryConfirmed: z.boolean().default(false),
  foodLicenseNumber: optionalText(20, FOOD_LICENSE, "compliance.foodLicenseNumber.invalid"),
});
export type ComplianceProfile = z.infer<typeof complianceProfileSchema>;

/** The form's fields as text and checkboxes, into the profile. */
export const complianceFormSchema = z.object({
  pathway: z.enum(PUBLISHING_PATHWAYS, { error: "compliance.pathway.required" }),
  licenseHolder: z
    .string()
    .trim()
    .min(1, { error: "compliance.licenseHolder.required" })
    .max(100, { error: "compliance.licenseHolder.tooLong" })
    .refine((value) => lineText(100).safeParse(value).success, { error: "compliance.licenseHolder.invalid" }),
  icpFilingNumber: complianceProfileSchema.shape.icpFilingNumber,
  miniProgramFiling: complianceProfileSchema.shape.miniProgramFiling,
  categoryConfirmed: z.union([z.literal("on"), z.literal("")]).optional().transform((value) => value === "on"),
  foodLicenseNumber: complianceProfileSchema.shape.foodLicenseNumber,
});

/** The merchant's word that WeChat's privacy guide lists exactly these uses (`signature` of the list). */
export type PrivacyConfirmation = { signature: string; confirmedAt: string; confirmedById: string };

const privacyConfirmationSchema = z.object({ signature: z.string(), confirmedAt: z.string(), confirmedById: z.string() });

/** `revision` is what the next save of the profile names; 0 before the first. */
export type Compliance = { profile: ComplianceProfile; privacy: PrivacyConfirmation | null; revision: number };

export async function readCompliance(tx: Transaction): Promise<Compliance> {
  const row = await tx.complianceProfile.findFirst({ select: { profile: true, privacy: true, revision: true } });
  // A profile written by an older version keeps what still parses; the rest takes its default.
  const profile = complianceProfileSchema.safeParse(row?.profile ?? {});
  const privacy = privacyConfirmationSchema.safeParse(row?.privacy);
  return {
    profile: profile.success ? profile.data : complianceProfileSchema.parse({}),
    privacy: privacy.success ? privacy.data : null,
    revision: row?.revision ?? 0,
  };
}

/**
 * Saves the profile over the revision the form was opened at (0: nothing saved yet), in one conditional
 * statement; a StaleRevisionError, naming who saved, when someone saved in between.
 */
export async function saveComplianceProfile(tx: Transaction, tenantId: string, from: SaveFrom, profile: ComplianceProfile): Promise<void> {
  const data = complianceProfileSchema.parse(profile);
  const saved =
    from.revision === 0
      ? await tx.complianceProfile.createMany({ data: { tenantId, profile: data, updatedById: from.userId, revision: 1 }, skipDuplicates: true })
      : await tx.complianceProfile.updateMany({
          where: { tenantId, revision: from.revision },
          data: { profile: data, updatedById: from.userId, revision: { increment: 1 } },
        });
  if (saved.count === 0) {
    throw await staleRevision(tx, "compliance", await tx.complianceProfile.findFirst({ where: { tenantId }, select: { revision: true, updatedAt: true, updatedById: true } }));
  }
}

export async function confirmPrivacyGuide(tx: Transaction, tenantId: string, userId: string, uses: readonly PersonalDataUse[]): Promise<void> {
  const privacy: PrivacyConfirmation = { signature: personalDataSignature(uses), confirmedAt: new Date().toISOString(), confirmedById: userId };
  // A save of the row like the profile's: a profile form opened before it is refused rather than reporting the
  // wrong saver. The confirmation itself needs no revision: `signature` already says what was confirmed.
  await tx.complianceProfile.upsert({
    where: { tenantId },
    create: { tenantId, privacy, updatedById: userId, revision: 1 },
    update: { privacy, updatedById: userId, revision: { increment: 1 } },
  });
}
