"use client";
// The members page's forms: the points rule and levels (the fields follow @kaidian/members' schema, which the server
// parses with, showing each refusal at its field; spend is typed in yuan and stored in fen), the card-code field a
// handheld scanner types into and ends with Enter (or the camera reads, through the same action), and staff adding or taking a member's points with a reason.
import type { MemberRules } from "@kaidian/members";
import { startTransition, useActionState, useState } from "react";
import { format, type Dictionary } from "@/i18n";
import { adjustPointsAction, saveMemberRulesAction, scanMemberCodeAction } from "@/server/actions/loyalty";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";
import { MemberCameraScan } from "./member-camera-scan";

/** Level rows the form offers: the store's levels and empty rows up to this many (the schema allows 10). */
const LEVEL_ROWS = 5;

const yuanOf = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/** One cell of a level row: the rows share their field names (levelName…), so each input has its own id. */
function LevelInput({ label, row, part, defaultValue, error }: { label: string; row: number; part: "name" | "minSpend" | "percentOff"; defaultValue: string; error?: string }) {
  const id = `level-${row}-${part}`;
  const name = part === "name" ? "levelName" : part === "minSpend" ? "levelMinSpend" : "levelPercentOff";
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">{`${label} ${row + 1}`}</label>
      <input
        id={id}
        name={name}
        defaultValue={defaultValue}
        inputMode={part === "name" ? undefined : "decimal"}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs outline-none focus:ring-2 ${error ? "border-red-400 focus:ring-red-200" : "border-slate-300 focus:border-brand-500 focus:ring-brand-100"}`}
      />
      {error && <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600">{error}</p>}
    </div>
  );
}

export function MemberRulesForm({ t, store, rules }: { t: Dictionary; store: string; rules: MemberRules }) {
  const [state, action] = useActionState(saveMemberRulesAction, {});
  const words = t.members;
  const errors = state.fieldErrors ?? {};
  // After a refusal the form shows what was typed; otherwise the saved rule.
  const typed = state.result ? undefined : state.values;
  const value = (name: string, saved: string) => typed?.[name] ?? saved;
  // The level rows share field names, which the echoed values cannot tell apart: the rows as submitted are kept
  // here, so a refused rule shows what was typed in every row.
  const [submitted, setSubmitted] = useState<{ name: string; minSpend: string; percentOff: string }[] | null>(null);
  const savedRows = Array.from({ length: Math.max(LEVEL_ROWS, rules.levels.length) }, (_, index) => {
    const level = rules.levels[index];
    return { name: level?.name ?? "", minSpend: level ? yuanOf(level.minSpendFen) : "", percentOff: level ? String(level.percentOff) : "" };
  });
  const rows = typed && submitted ? submitted : savedRows;
  const keep = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const spends = data.getAll("levelMinSpend").map(String);
    const percents = data.getAll("levelPercentOff").map(String);
    setSubmitted(data.getAll("levelName").map((name, index) => ({ name: String(name), minSpend: spends[index] ?? "", percentOff: percents[index] ?? "" })));
  };
  return (
    <form action={action} onSubmit={(event) => keep(event.currentTarget)} className="space-y-4" aria-label={words.rulesTitle}>
      <input type="hidden" name="store" value={store} />
      <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" name="pointsEnabled" defaultChecked={typed ? typed.pointsEnabled === "on" : rules.pointsEnabled} className="size-4 accent-brand-600" />
        {words.pointsEnabled}
      </label>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={words.pointsPerYuan} name="pointsPerYuan" inputMode="numeric" defaultValue={value("pointsPerYuan", String(rules.pointsPerYuan))} error={errors.pointsPerYuan} />
        <Field label={words.pointsPerYuanOff} name="pointsPerYuanOff" inputMode="numeric" defaultValue={value("pointsPerYuanOff", String(rules.pointsPerYuanOff))} error={errors.pointsPerYuanOff} />
        <Field label={words.maxPointsPercent} name="maxPointsPercent" inputMode="numeric" defaultValue={value("maxPointsPercent", String(rules.maxPointsPercent))} error={errors.maxPointsPercent} />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{words.levelsTitle}</legend>
        <p className="text-xs text-slate-500">{words.levelsHint}</p>
        {rows.map((row, index) => (
          <div key={`${index}-${row.name}-${row.minSpend}-${row.percentOff}`} className="grid gap-2 sm:grid-cols-3" data-level-row={index}>
            <LevelInput label={words.levelName} row={index} part="name" defaultValue={row.name} error={errors[`level-${index}-name`]} />
            <LevelInput label={words.levelMinSpend} row={index} part="minSpend" defaultValue={row.minSpend} error={errors[`level-${index}-minSpend`]} />
            <LevelInput label={words.levelPercentOff} row={index} part="percentOff" defaultValue={row.percentOff} error={errors[`level-${index}-percentOff`]} />
          </div>
        ))}
      </fieldset>
      <FormError message={state.formError} />
      {state.result && <p role="status" className="text-sm text-emerald-700">{words.saved}</p>}
      <SubmitButton pendingLabel={t.common.loading}>{words.saveRules}</SubmitButton>
    </form>
  );
}

export function ScanMemberForm({ t, store }: { t: Dictionary; store: string }) {
  const [state, action, pending] = useActionState(scanMemberCodeAction, {});
  const words = t.members;
  // A code the camera read goes through the same action as a typed one, so its answers are the same.
  const sendScanned = (code: string) => {
    const form = new FormData();
    form.set("store", store);
    form.set("code", code);
    startTransition(() => action(form));
  };
  return (
    <form action={action} className="space-y-3" aria-label={words.scanTitle}>
      <input type="hidden" name="store" value={store} />
      {/* A scanner types the code and presses Enter, which submits; the field is ready for the next scan. */}
      <Field
        label={words.scanLabel}
        name="code"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        hint={words.scanHint}
        error={state.fieldErrors?.code}
        key={state.fieldErrors ? `refused-${state.values?.code ?? ""}` : "scan"}
      />
      <FormError message={state.formError} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="secondary" pendingLabel={t.common.loading}>{words.scanSubmit}</SubmitButton>
        <MemberCameraScan words={t.memberScan} send={sendScanned} pending={pending} answer={state} refusal={state.fieldErrors?.code ?? state.formError} />
      </div>
    </form>
  );
}

export function AdjustPointsForm({ t, store, memberId }: { t: Dictionary; store: string; memberId: string }) {
  const [state, action] = useActionState(adjustPointsAction, {});
  const words = t.members;
  const errors = state.fieldErrors ?? {};
  const typed = state.result ? undefined : state.values;
  return (
    <form action={action} className="space-y-3" aria-label={words.adjustTitle} key={state.result ? `adjusted-${state.result.balance}` : "adjust"}>
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="memberId" value={memberId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={words.adjustChange} name="change" inputMode="numeric" defaultValue={typed?.change ?? ""} error={errors.change} />
        <Field label={words.adjustNote} name="note" placeholder={words.adjustNotePlaceholder} maxLength={50} defaultValue={typed?.note ?? ""} error={errors.note} />
      </div>
      <FormError message={state.formError ?? errors.memberId} />
      {state.result && <p role="status" className="text-sm text-emerald-700">{format(words.adjusted, { balance: state.result.balance })}</p>}
      <SubmitButton pendingLabel={t.common.loading}>{words.adjustSubmit}</SubmitButton>
    </form>
  );
}
