"use client";
// The agency's fleet release through the third-party platform: a template version of the library, the audit category,
// the authorised stores (all, or chosen), the first stage's share and the pace. Starting it opens its live table.
import { useActionState, useState } from "react";
import { format, type Dictionary } from "@/i18n";
import { startFleetAction } from "@/server/actions/platform-releases";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export type FleetStore = { id: string; name: string; appid: string | null; authorized: boolean };

export function FleetReleaseForm({ t, stores, templates }: { t: Dictionary; stores: FleetStore[]; templates: { templateId: number; userVersion: string; userDesc: string }[] }) {
  const words = t.releases;
  const [state, start] = useActionState(startFleetAction, {});
  const authorised = stores.filter((store) => store.authorized);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(authorised.map((store) => store.id)));
  const values = state.values ?? {};
  const toggle = (id: string, on: boolean) => setChosen((before) => {
    const next = new Set(before);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });
  const select = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";

  return (
    <form action={start} className="space-y-4" data-testid="fleet-form">
      <p className="text-sm text-slate-600">{words.fleetLead}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={words.template} name="templateId" error={state.fieldErrors?.templateId} hint={templates.length === 0 ? words.noTemplates : undefined}>
          <select id="templateId" name="templateId" defaultValue={values.templateId ?? String(templates[0]?.templateId ?? "")} className={select}>
            {templates.map((template) => (
              <option key={template.templateId} value={template.templateId}>{format(words.templateOption, { version: template.userVersion, id: template.templateId, desc: template.userDesc })}</option>
            ))}
          </select>
        </Field>
        <Field label={words.version} name="userVersion" defaultValue={values.userVersion ?? templates[0]?.userVersion ?? ""} error={state.fieldErrors?.userVersion} required maxLength={64} />
        <Field label={words.description} name="userDesc" defaultValue={values.userDesc ?? templates[0]?.userDesc ?? ""} error={state.fieldErrors?.userDesc} required maxLength={200} />
        <div className="grid grid-cols-2 gap-3" title={words.categoryHint}>
          <Field label={words.firstClass} name="firstClass" defaultValue={values.firstClass ?? ""} error={state.fieldErrors?.firstClass} required maxLength={20} />
          <Field label={words.secondClass} name="secondClass" defaultValue={values.secondClass ?? ""} error={state.fieldErrors?.secondClass} required maxLength={20} />
        </div>
        <Field label={words.firstStage} name="firstStagePercent" type="number" min={1} max={100} defaultValue={values.firstStagePercent ?? "5"} error={state.fieldErrors?.firstStagePercent} required />
        <Field label={words.pace} name="submitsPerMinute" type="number" min={1} max={600} defaultValue={values.submitsPerMinute ?? "10"} error={state.fieldErrors?.submitsPerMinute} required />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{format(words.fleetStores, { count: authorised.length })}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={authorised.length > 0 && chosen.size === authorised.length} onChange={(event) => setChosen(new Set(event.target.checked ? authorised.map((store) => store.id) : []))} />
          {words.fleetAll}
        </label>
        <ul className="grid gap-1 sm:grid-cols-2" data-testid="fleet-stores">
          {stores.map((store) => (
            <li key={store.id}>
              <label className={`flex items-center gap-2 text-sm ${store.authorized ? "" : "text-slate-400"}`}>
                <input type="checkbox" name="stores" value={store.id} disabled={!store.authorized} checked={chosen.has(store.id)} onChange={(event) => toggle(store.id, event.target.checked)} />
                {store.name}
                {store.appid && store.authorized ? <span className="font-mono text-xs text-slate-500">{store.appid}</span> : !store.authorized && <span className="text-xs">（{words.fleetNotAuthorized}）</span>}
              </label>
            </li>
          ))}
        </ul>
        {state.fieldErrors?.stores && <p role="alert" className="text-xs font-medium text-red-600">{state.fieldErrors.stores}</p>}
      </fieldset>
      <FormError message={state.formError} />
      <SubmitButton pendingLabel={t.common.loading}>{words.fleetStart}</SubmitButton>
    </form>
  );
}
