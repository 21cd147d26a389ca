"use client";
// The publishing pathway, license holder, filings, category and (for restaurants) food license. A save names the
// profile's `revision`, so one made over someone else's save is refused, saying who.
import type { ComplianceProfile } from "@kaidian/publishing";
import { useActionState } from "react";
import { format, type Dictionary } from "@/i18n";
import { saveComplianceAction } from "@/server/actions/wechat";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

const PATHWAYS = ["internationalEntity", "chineseEntity", "localPartner"] as const;
const FILINGS = ["notStarted", "inProgress", "approved"] as const;

export function ComplianceForm({ t, store, profile, revision, category, needsFoodLicense }: {
  t: Dictionary; store: string; profile: ComplianceProfile; revision: number; category: string; needsFoodLicense: boolean;
}) {
  const [state, action] = useActionState(saveComplianceAction, {});
  const words = t.wechat;
  const v = state.values;
  const value = (field: keyof ComplianceProfile) => (v ? v[field] : String(profile[field] ?? ""));
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-4" key={JSON.stringify(state)}>
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="revision" value={revision} />
      <fieldset aria-describedby={errors.pathway ? "pathway-error" : undefined}>
        <legend className="mb-2 text-sm font-medium text-slate-800">{words.pathway}</legend>
        <div className="grid gap-2 md:grid-cols-3">
          {PATHWAYS.map((pathway) => (
            <label key={pathway} className="flex cursor-pointer gap-2 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
              <input type="radio" name="pathway" value={pathway} defaultChecked={value("pathway") === pathway} className="mt-0.5" />
              <span>
                <span className="block font-medium text-slate-900">{words.pathways[pathway].title}</span>
                <span className="block text-xs text-slate-600">{words.pathways[pathway].detail}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.pathway && <p id="pathway-error" role="alert" className="mt-1 text-xs font-medium text-red-600">{errors.pathway}</p>}
      </fieldset>
      <div className="grid gap-3 md:grid-cols-2">
        <Field label={words.licenseHolder} name="licenseHolder" maxLength={100} defaultValue={value("licenseHolder")} error={errors.licenseHolder} />
        <Field label={words.icpFilingNumber} name="icpFilingNumber" hint={words.icpFilingHint} maxLength={40} defaultValue={value("icpFilingNumber")} error={errors.icpFilingNumber} />
        <div className="space-y-1.5">
          <label htmlFor="miniProgramFiling" className="block text-sm font-medium text-slate-800">{words.miniProgramFiling}</label>
          <select id="miniProgramFiling" name="miniProgramFiling" defaultValue={value("miniProgramFiling") || "notStarted"} className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm">
            {FILINGS.map((status) => <option key={status} value={status}>{words.filingStatus[status]}</option>)}
          </select>
        </div>
        {needsFoodLicense && (
          <Field label={words.foodLicense} name="foodLicenseNumber" hint={words.foodLicenseHint} maxLength={20} defaultValue={value("foodLicenseNumber")} error={errors.foodLicenseNumber} />
        )}
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="categoryConfirmed" defaultChecked={v ? v.categoryConfirmed === "on" : profile.categoryConfirmed} className="mt-0.5" />
        <span>{format(words.categoryConfirm, { category })}</span>
      </label>
      <FormError message={state.formError} reload={state.stale ? t.edits.reload : undefined} />
      {state.result?.saved && <p role="status" className="text-sm text-brand-700">{words.saved}</p>}
      <SubmitButton pendingLabel={t.common.loading}>{words.save}</SubmitButton>
    </form>
  );
}
