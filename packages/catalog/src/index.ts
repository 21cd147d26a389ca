export * from "./images";
export * from "./items";
export * from "./money";
export * from "./text";
