export { editDraft, openDraft, saveDraft, type Draft, type SaveDraftInput } from "./draft";
export { publishDraft } from "./publish";
export { restoreVersion } from "./restore";
export { listVersions, type VersionSummary } from "./history";
export type { DraftState, Person } from "./draft-state";
export { DraftConflictError, InvalidDraftError, VersionNotFoundError } from "./errors";
export { previewTemplateSwitch, SameTemplateError, switchTemplate, type TemplateSwitchInput } from "./template-switch";
