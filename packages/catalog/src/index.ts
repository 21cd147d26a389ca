export * from "./csv-columns";
export * from "./images";
export * from "./items";
export * from "./money";
export * from "./problems";
export * from "./skus";
export * from "./text";
