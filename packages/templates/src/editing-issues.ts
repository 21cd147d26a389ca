// Where in the editor each problem of a config is: the config schema's issue paths (pages.home.sections[2]
// .settings.slides[0].title) mapped to the part the merchant edits (the home page's section with that id) and the
// field inside it (slides.0.title), so the form can mark the field and the publish button can say where.
import type { z } from "zod";
import { configSchemaFor, type StoreConfig } from "./config";
import type { PageId } from "./pages";
import type { TemplateDefinition } from "./template";

export type EditorPart =
  | { kind: "store" }
  | { kind: "theme" }
  | { kind: "tabBar" }
  | { kind: "page"; page: PageId }
  | { kind: "section"; page: PageId; sectionId: string };

export type ConfigIssue = {
  part: EditorPart;
  /** The field inside the part, dot-separated (`slides.0.title`); "" for the part as a whole. */
  field: string;
  issue: z.core.$ZodIssue;
};

/** One key per part, to group issues and to name the selected part. */
export function partKey(part: EditorPart): string {
  switch (part.kind) {
    case "page":
      return `page:${part.page}`;
    case "section":
      return `section:${part.page}:${part.sectionId}`;
    default:
      return part.kind;
  }
}

function locate(path: PropertyKey[], config: StoreConfig): { part: EditorPart; rest: PropertyKey[] } {
  const [head, page, list, index, ...rest] = path;
  if (head === "store" || head === "theme" || head === "tabBar") return { part: { kind: head }, rest: path.slice(1) };
  if (head === "pages" && typeof page === "string") {
    const pageId = page as PageId;
    const section = typeof index === "number" && list === "sections" ? config.pages[pageId]?.sections[index] : undefined;
    if (section) return { part: { kind: "section", page: pageId, sectionId: section.id }, rest: rest[0] === "settings" ? rest.slice(1) : rest };
    return { part: { kind: "page", page: pageId }, rest: path.slice(2) };
  }
  return { part: { kind: "store" }, rest: path };
}

/** Every problem the template's config schema finds, located in the editor; empty when the config can be saved. */
export function configIssues(config: StoreConfig, template: TemplateDefinition): ConfigIssue[] {
  const result = configSchemaFor(template).safeParse(config);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const { part, rest } = locate(issue.path, config);
    return { part, field: rest.map(String).join("."), issue };
  });
}
