// What is wrong with a merchant's input, as a code the dashboard words and a path to the field, so the domain
// never speaks a language and the form can put each message beside its field.
import type { z } from "zod";
import { YUAN_PROBLEMS, type YuanProblem } from "./money";

export const PROBLEM_CODES = [
  ...YUAN_PROBLEMS,
  "required",
  "tooLong",
  "tooMany",
  "tooFew",
  "tooSmall",
  "tooBig",
  "wholeNumber",
  "singleLine",
  "control",
  "direction",
  "broken",
  "image",
  "yesNo",
  "invalid",
  // Spreadsheet imports only.
  "unreadable",
  "noRows",
  "unknownColumn",
  "duplicateColumn",
  "missingColumn",
  "extraCells",
  "unknownId",
  "duplicateId",
  "itemLimit",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type Problem = { path: (string | number)[]; code: ProblemCode; params?: Record<string, number> };

function isYuanProblem(message: string): message is YuanProblem {
  return (YUAN_PROBLEMS as readonly string[]).includes(message);
}

function codeOf(issue: z.core.$ZodIssue): Pick<Problem, "code" | "params"> {
  switch (issue.code) {
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return { code: "tooLong", params: { max } };
      if (issue.origin === "array") return { code: "tooMany", params: { max } };
      return { code: "tooBig", params: { max } };
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? { code: "required" } : { code: "tooFew", params: { min } };
      if (issue.origin === "array") return min <= 1 ? { code: "required" } : { code: "tooFew", params: { min } };
      return { code: "tooSmall", params: { min } };
    }
    case "invalid_type":
      return issue.expected === "int" || issue.expected === "number" ? { code: "wholeNumber" } : { code: "invalid" };
    case "custom":
      // The shared text and image rules say what they refuse in their message (see text.ts and images.ts).
      if (isYuanProblem(issue.message)) return { code: issue.message };
      if (issue.message.includes("control character")) return { code: "control" };
      if (issue.message.includes("single line")) return { code: "singleLine" };
      if (issue.message.includes("text-direction override")) return { code: "direction" };
      if (issue.message.includes("unpaired surrogate")) return { code: "broken" };
      if (issue.message.includes("image")) return { code: "image" };
      return { code: "invalid" };
    default:
      return { code: "invalid" };
  }
}

/** The problems of a failed parse, one per field path (the first is the one worth fixing first). */
export function problemsOf(error: z.ZodError): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((part): part is string | number => typeof part !== "symbol");
    const key = path.join(".");
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, ...codeOf(issue) });
  }
  return problems;
}
