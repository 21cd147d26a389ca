// j-component stores its built-in behaviors on Node's `global`; in a browser that name is `globalThis`.
// Imported before j-component, so it is in place when that module first runs.
const scope = globalThis as typeof globalThis & { global?: typeof globalThis };
scope.global ??= globalThis;
export {};
