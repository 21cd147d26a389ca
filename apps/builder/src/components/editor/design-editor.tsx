"use client";
// The three-pane design editor: pages and sections on the left, the phone preview in the middle, the selected
// part's settings on the right; undo/redo, the save status and publishing on top.
import type { TileServer } from "@kaidian/maps";
import type { Catalog } from "@kaidian/catalog";
import { draftSnapshot } from "@kaidian/preview";
import { pages as pageDefinitions, partKey, templates, type StoreConfig, type TemplateId } from "@kaidian/templates";
import { useEffect, useMemo } from "react";
import { LivePreview } from "@/components/preview/live-preview";
import { PhonePreviewButton } from "@/components/preview/phone-preview-button";
import { format, type Dictionary, type Locale } from "@/i18n";
import type { FormContext } from "./form-context";
import { OutlinePane } from "./outline-pane";
import { PublishButton } from "./publish-button";
import { SettingsPane } from "./settings-pane";
import { useEditor, type EditorStatus } from "./use-editor";

export type DesignEditorProps = {
  store: string;
  tenantId: string;
  number: number;
  revision: number;
  templateId: TemplateId;
  config: StoreConfig;
  /** The store's visible catalog: what the preview shows and the pickers offer. */
  catalog: Catalog;
  /** The operator's map tile server for the location picker; null: coordinates are typed. */
  mapTiles: TileServer | null;
  canPublish: boolean;
  t: Dictionary;
  locale: Locale;
};

// The phone at 80% leaves the settings pane room beside it on a laptop screen.
const PREVIEW_SCALE = 0.8;

function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && !["checkbox", "radio", "button", "color"].includes((target as HTMLInputElement).type)));
}

export function DesignEditor(props: DesignEditorProps) {
  const template = templates[props.templateId];
  const editor = useEditor({ store: props.store, number: props.number, revision: props.revision, config: props.config, template });
  const { t, locale } = props;
  const context: FormContext = useMemo(
    () => ({
      store: props.store,
      locale,
      t,
      catalog: {
        categories: props.catalog.categories.map(({ id, name }) => ({ id, name })),
        items: props.catalog.items.map(({ id, title }) => ({ id, title })),
      },
      pages: template.pages.map((page) => ({ id: page.id, label: pageDefinitions[page.id].label[locale] })),
      mapTiles: props.mapTiles,
    }),
    [props.store, locale, t, props.catalog, template, props.mapTiles],
  );
  const snapshot = useMemo(
    () => draftSnapshot({ tenantId: props.tenantId, config: editor.config, catalog: props.catalog }),
    [props.tenantId, editor.config, props.catalog],
  );
  const { selection, select } = editor;
  const { undo, redo } = editor;

  useEffect(() => {
    // Inside a text field the browser's own undo applies to what is being typed; elsewhere these undo design steps.
    function onKey(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextEntry(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) undo();
      else if ((key === "z" && event.shiftKey) || key === "y") redo();
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [undo, redo]);

  return (
    <section aria-label={t.editor.label} className="rounded-xl border border-slate-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2.5">
        <button type="button" onClick={undo} disabled={!editor.canUndo} aria-keyshortcuts="Control+Z Meta+Z" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-40">
          ↶ {t.editor.undo}
        </button>
        <button type="button" onClick={redo} disabled={!editor.canRedo} aria-keyshortcuts="Control+Shift+Z Control+Y Meta+Shift+Z" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-40">
          ↷ {t.editor.redo}
        </button>
        <SaveStatus status={editor.status} t={t} />
        <span className="ml-auto flex flex-wrap items-center gap-2">
          <PhonePreviewButton store={props.store} words={t.preview} reach={t.storeSetup.reach} />
          {props.canPublish && <PublishButton editor={editor} store={props.store} number={props.number} context={context} />}
        </span>
      </div>
      <div className="grid gap-0 lg:grid-cols-[15rem_auto_minmax(18rem,1fr)]">
        <div className="border-b border-slate-200 p-3 lg:max-h-[calc(100vh-10rem)] lg:overflow-y-auto lg:border-r lg:border-b-0">
          <OutlinePane editor={editor} template={template} context={context} />
        </div>
        <div className="flex justify-center border-b border-slate-200 bg-slate-50 p-4 lg:border-b-0 lg:items-start" aria-label={t.editor.preview} role="region">
          <LivePreview
            snapshot={snapshot}
            page={selection.page}
            selectedSection={selection.part.kind === "section" ? selection.part.sectionId : undefined}
            onSelectSection={(sectionId) => select({ page: selection.page, part: { kind: "section", page: selection.page, sectionId } })}
            onNavigate={(page) => template.pages.some((candidate) => candidate.id === page) && select({ page, part: { kind: "page", page } })}
            words={t.preview}
            scale={PREVIEW_SCALE}
          />
        </div>
        <div key={partKey(editor.selection.part)} className="p-4 lg:max-h-[calc(100vh-10rem)] lg:overflow-y-auto lg:border-l lg:border-slate-200">
          <SettingsPane editor={editor} template={template} context={context} />
        </div>
      </div>
    </section>
  );
}

function SaveStatus({ status, t }: { status: EditorStatus; t: Dictionary }) {
  if (status.kind === "conflict") {
    return (
      <div role="alert" className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
        <span>{status.message}</span>
        <button type="button" onClick={() => window.location.reload()} className="rounded-md bg-amber-600 px-3 py-1 font-medium text-white focus-visible:outline-2 focus-visible:outline-amber-700">
          {t.design.reload}
        </button>
      </div>
    );
  }
  const text =
    status.kind === "invalid" ? format(t.editor.invalid, { count: status.count }) : status.kind === "failed" ? status.message || t.editor.failed : t.editor[status.kind];
  const tone = status.kind === "invalid" || status.kind === "failed" ? "text-red-700" : "text-slate-500";
  return <p role="status" data-testid="save-status" className={`px-2 text-sm ${tone}`}>{text}</p>;
}
