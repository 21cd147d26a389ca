"use client";
import { z } from "zod";

// Zod compiles object parsers with `new Function` once it has probed that eval works. The dashboard's CSP forbids
// eval on most pages, so in the browser the probe would be refused and reported; parsing without it is as correct.
if (typeof window !== "undefined") z.config({ jitless: true });

/** Rendered once by the root layout so the setting above runs before any form parses. */
export function ZodWithoutEval() {
  return null;
}
