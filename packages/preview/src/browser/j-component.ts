/// <reference path="./modules.d.ts" />
// j-component (the renderer inside miniprogram-simulate) and the exparser component tree under it, typed for the
// few calls made here. Their own typings import miniprogram-api-typings, which is not installed.
import "./global-shim";
import jComponentLib from "j-component";
import exparserLib from "miniprogram-exparser";
import type { TemplateFunction } from "./types";

export type ComponentDefinition = Record<string, unknown> & {
  id: string;
  path: string;
  tagName: string;
  template: TemplateFunction | string;
  usingComponents: Record<string, string>;
};

export type ComponentInstance = Record<string, unknown> & {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>, callback?: () => void): void;
};

export type RootComponent = {
  readonly dom: HTMLElement;
  readonly instance: ComponentInstance;
  attach(parent: Element): void;
  detach(): void;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
};

export type JComponent = {
  register(definition: ComponentDefinition): string;
  behavior(definition: Record<string, unknown>): string;
  create(id: string, properties?: Record<string, unknown>): RootComponent | undefined;
};

export type Exparser = {
  addGlobalErrorListener(listener: (error: unknown) => boolean): void;
  Event: {
    create(name: string, detail: Record<string, unknown>, options: Record<string, unknown>): unknown;
    dispatchEvent(target: Element, event: unknown): void;
  };
};

export const jComponent = jComponentLib as unknown as JComponent;
export const exparser = exparserLib as unknown as Exparser;

// exparser catches errors thrown by page and component code and only logs them; the preview that is running
// code at the time hears of them instead, so it can show them rather than a half-drawn page.
let errorSink: ((error: unknown) => void) | undefined;
exparser.addGlobalErrorListener((error) => {
  if (!errorSink) return true;
  errorSink(error);
  return false;
});

/** Runs `work`, collecting errors page code raised inside the component framework meanwhile, and throws the first. */
export function runCollectingErrors<T>(work: () => T): T {
  const raised: unknown[] = [];
  const previous = errorSink;
  errorSink = (error) => raised.push(error);
  try {
    const result = work();
    if (raised.length > 0) throw raised[0];
    return result;
  } finally {
    errorSink = previous;
  }
}

let counter = 0;

/** j-component keeps one registry per page load, so ids never repeat. Letters only: an id doubles as a tag name. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}${counter.toString(26).replace(/./g, (digit) => String.fromCharCode(97 + parseInt(digit, 26)))}`;
}
