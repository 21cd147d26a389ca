// The shapes j-component and wcc's output are handled through; their own typings pull in packages not installed.

/** A compiled WXML file: data in, wcc's virtual tree out. */
export type TemplateFunction = (data: unknown, ...rest: unknown[]) => unknown;
