"use client";
// A dish's option groups (size, spice): each with its options and what they cost extra; and the sold-out switch.
import { format, type Dictionary } from "@/i18n";
import type { GroupDraft, ItemDraft } from "./item-draft";
import { CheckBox, smallButtonClass, TextInput } from "./inputs";

const MAX_GROUPS = 6;
const MAX_OPTIONS = 12;

export function OptionGroupsEditor({ t, draft, onDraft, errors }: {
  t: Dictionary; draft: ItemDraft; onDraft: (draft: ItemDraft) => void; errors: (path: string, within?: boolean) => string | undefined;
}) {
  const words = t.catalog.form;
  const setGroups = (groups: GroupDraft[]) => onDraft({ ...draft, groups });
  const setGroup = (index: number, change: Partial<GroupDraft>) => setGroups(draft.groups.map((g, i) => (i === index ? { ...g, ...change } : g)));

  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold text-slate-900">{words.dish}</legend>
      <CheckBox id="details.soldOut" label={words.soldOut} checked={draft.soldOut} onChecked={(soldOut) => onDraft({ ...draft, soldOut })} />
      <p className="text-sm text-slate-600">{words.dishLead}</p>
      {draft.groups.map((group, g) => {
        const base = `details.optionGroups.${g}`;
        return (
          <fieldset key={g} className="space-y-3 rounded-lg border border-slate-200 p-3">
            <legend className="px-1 text-sm font-medium text-slate-800">{format(words.group, { index: g + 1 })}</legend>
            <div className="flex flex-wrap items-start gap-4">
              <div className="w-48">
                <TextInput path={`${base}.name`} label={words.groupName} value={group.name} onValue={(name) => setGroup(g, { name })} error={errors(`${base}.name`)} />
              </div>
              <div className="flex gap-4 pt-8">
                <CheckBox id={`${base}.required`} label={words.required} checked={group.required} onChecked={(required) => setGroup(g, { required })} />
                <CheckBox id={`${base}.multiple`} label={words.multiple} checked={group.multiple} onChecked={(multiple) => setGroup(g, { multiple })} />
              </div>
              <button type="button" className={`${smallButtonClass} mt-7 ml-auto`} onClick={() => setGroups(draft.groups.filter((_, i) => i !== g))}>
                {format(words.removeGroup, { index: g + 1 })}
              </button>
            </div>
            {errors(`${base}.options`) && <p role="alert" className="text-xs font-medium text-red-600">{errors(`${base}.options`)}</p>}
            <ul className="space-y-2">
              {group.options.map((option, o) => {
                const position = { group: g + 1, index: o + 1 };
                const setOption = (change: Partial<typeof option>) =>
                  setGroup(g, { options: group.options.map((x, i) => (i === o ? { ...x, ...change } : x)) });
                return (
                  <li key={o} className="grid grid-cols-[1fr_8rem_auto] items-start gap-2">
                    <TextInput
                      path={`${base}.options.${o}.name`} hiddenLabel label={format(words.optionNameNamed, position)} placeholder={words.optionName}
                      value={option.name} onValue={(name) => setOption({ name })} error={errors(`${base}.options.${o}.name`)}
                    />
                    <TextInput
                      path={`${base}.options.${o}.extraFen`} hiddenLabel label={format(words.optionExtraNamed, position)} placeholder={words.optionExtra}
                      inputMode="decimal" value={option.extra} onValue={(extra) => setOption({ extra })} error={errors(`${base}.options.${o}.extraFen`)}
                    />
                    <button
                      type="button" className={`${smallButtonClass} mt-1.5`} aria-label={format(words.removeOption, position)}
                      onClick={() => setGroup(g, { options: group.options.filter((_, i) => i !== o) })}
                    >
                      ×
                    </button>
                  </li>
                );
              })}
            </ul>
            <button
              type="button" className={smallButtonClass} disabled={group.options.length >= MAX_OPTIONS}
              onClick={() => setGroup(g, { options: [...group.options, { name: "", extra: "" }] })}
            >
              + {words.addOption}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button" className={smallButtonClass} disabled={draft.groups.length >= MAX_GROUPS}
        onClick={() => setGroups([...draft.groups, { name: "", required: false, multiple: false, options: [{ name: "", extra: "" }] }])}
      >
        + {words.addGroup}
      </button>
    </fieldset>
  );
}
