// The parts of a store's config that a form edits as a whole, with the schema that rules each: the page builds
// the form from it, the form validates with it, the server action accepts only these parts.
import { storeInfoSchema, themeSchema } from "@kaidian/templates";

export const draftPartSchemas = { store: storeInfoSchema, theme: themeSchema } as const;

export type DraftPart = keyof typeof draftPartSchemas;

export const DRAFT_PARTS = Object.keys(draftPartSchemas) as [DraftPart, ...DraftPart[]];
