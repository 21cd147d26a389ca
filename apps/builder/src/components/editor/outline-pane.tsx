"use client";
// The editor's left pane: the store-wide parts (store info, theme, tab bar), the template's pages, and the
// selected page's sections with the palette of the section types its template allows there.
import {
  addSection,
  duplicateSection,
  EditRefusedError,
  isRequiredSection,
  moveSection,
  partKey,
  removeSection,
  sectionPalette,
  sections,
  type EditorPart,
  type TemplateDefinition,
} from "@kaidian/templates";
import { format } from "@/i18n";
import type { FormContext } from "./form-context";
import { SectionList } from "./section-list";
import type { Editor } from "./use-editor";

const partButton = (active: boolean, invalid: boolean) =>
  `flex w-full items-center justify-between rounded-lg px-3 py-2 text-left text-sm focus-visible:outline-2 focus-visible:outline-brand-600 ${active ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-50"} ${invalid ? "text-red-700" : ""}`;

export function OutlinePane({ editor, template, context }: { editor: Editor; template: TemplateDefinition; context: FormContext }) {
  const words = context.t.editor;
  const { config, selection } = editor;
  const page = selection.page;
  const list = config.pages[page]?.sections ?? [];
  const allowed = template.pages.find((candidate) => candidate.id === page)?.sections ?? [];
  const invalidParts = new Set(editor.issues.map((issue) => partKey(issue.part)));
  const invalidSections = new Set(
    editor.issues.flatMap((issue) => (issue.part.kind === "section" && issue.part.page === page ? [issue.part.sectionId] : [])),
  );
  const selectedKey = partKey(selection.part);
  const select = (part: EditorPart) => editor.select({ page: part.kind === "page" || part.kind === "section" ? part.page : page, part });
  // Every operation below is offered only when allowed; a refusal here means the config changed under the click.
  const attempt = (edit: () => void) => {
    try {
      edit();
    } catch (error) {
      if (!(error instanceof EditRefusedError)) throw error;
    }
  };

  return (
    <nav aria-label={words.label} className="space-y-5">
      <section>
        <h2 className="mb-1 px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{words.storeSettings}</h2>
        {([["store", context.t.design.storeInfo], ["theme", context.t.design.theme], ["tabBar", words.tabBar]] as const).map(([kind, label]) => (
          <button key={kind} type="button" aria-pressed={selectedKey === kind} className={partButton(selectedKey === kind, invalidParts.has(kind))} onClick={() => select({ kind })}>
            {label}
            {invalidParts.has(kind) && <span aria-hidden>●</span>}
          </button>
        ))}
      </section>
      <section>
        <h2 className="mb-1 px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{words.pages}</h2>
        <ul className="space-y-0.5">
          {context.pages.map(({ id, label }) => {
            const invalid = [...invalidParts].some((key) => key === `page:${id}` || key.startsWith(`section:${id}:`));
            return (
              <li key={id}>
                <button type="button" aria-pressed={page === id} aria-current={page === id ? "page" : undefined} className={partButton(page === id, invalid)} onClick={() => editor.select({ page: id, part: { kind: "page", page: id } })}>
                  <span>{label} <span className="text-xs font-normal text-slate-400">{config.pages[id]?.title}</span></span>
                  {invalid && <span aria-hidden>●</span>}
                </button>
              </li>
            );
          })}
        </ul>
      </section>
      <section>
        <h2 className="mb-2 px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {format(words.sectionsOf, { page: context.pages.find((candidate) => candidate.id === page)?.label ?? page })}
        </h2>
        {allowed.length === 0 ? (
          <p className="px-1 text-sm text-slate-500">{words.fixedPage}</p>
        ) : (
          <>
            <SectionList
              page={page}
              list={list}
              selected={selection.part.kind === "section" ? selection.part.sectionId : null}
              invalid={invalidSections}
              context={context}
              isRequired={(id) => isRequiredSection(config, template, page, id)}
              canDuplicate={(id) => sectionPalette(config, template, page).find((entry) => entry.type === list.find((s) => s.id === id)?.type)?.refusal === null}
              onSelect={(sectionId) => select({ kind: "section", page, sectionId })}
              onMove={(from, to) => attempt(() => editor.change(moveSection(config, template, page, from, to)))}
              onDuplicate={(id) =>
                attempt(() => {
                  const copy = duplicateSection(config, template, page, id);
                  editor.change(copy.config);
                  select({ kind: "section", page, sectionId: copy.sectionId });
                })
              }
              onRemove={(id) =>
                attempt(() => {
                  editor.change(removeSection(config, template, page, id));
                  select({ kind: "page", page });
                })
              }
            />
            <div className="mt-3">
              <h3 className="mb-1.5 px-1 text-xs font-medium text-slate-600">{words.addSection}</h3>
              <ul className="grid grid-cols-2 gap-1.5" aria-label={words.addSection}>
                {sectionPalette(config, template, page).map(({ type, refusal }) => {
                  const label = sections[type].label[context.locale];
                  const reason = refusal ? format(words.refusal[refusal], { max: sections[type].limits.maxPerPage }) : undefined;
                  return (
                    <li key={type}>
                      <button
                        type="button"
                        disabled={refusal !== null}
                        aria-label={`${words.addSection}：${label}${reason ? `（${reason}）` : ""}`}
                        title={reason ?? sections[type].description[context.locale]}
                        onClick={() =>
                          attempt(() => {
                            const added = addSection(config, template, page, type);
                            editor.change(added.config);
                            select({ kind: "section", page, sectionId: added.sectionId });
                          })
                        }
                        className="w-full rounded-md border border-dashed border-slate-300 px-2 py-1.5 text-left text-xs text-slate-700 hover:border-brand-500 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:border-slate-300 disabled:hover:text-slate-700"
                      >
                        + {label}
                        {reason && <span className="block text-[11px] text-slate-500">{reason}</span>}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          </>
        )}
      </section>
    </nav>
  );
}
