// The built runtime, as the generator reads it: `npm run build` writes dist/ (with runtime.json describing it).
import path from "node:path";

export const runtimeDir = path.join(import.meta.dirname, "dist");
