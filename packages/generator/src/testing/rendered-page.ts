// An attached page: opened with the runtime's lifecycle, then read, tapped, settled and unloaded by tests.
import { throwRaisedErrors } from "./errors";
import type { FakeWx, FakeWxRuntime } from "./fake-wx";
import type { ComponentInstance, RootComponent } from "./j-component";
import { tap } from "./tap";
import { visibleText } from "./visible-text";

export type RenderedPage = {
  /** The page element; its subtree is the rendered page. */
  root: Element;
  /** Visible text, whitespace-normalised: blocks separated by a space, inline text run together. */
  text(): string;
  /** `this` of the page: data, setData and its methods. */
  page: ComponentInstance;
  /** What the page asked of `wx`: requests, navigation and other calls, storage. */
  wx: FakeWx;
  /** Taps the element (or the first match of a selector in the page), as a shopper's finger would. */
  tap(target: Element | string): void;
  /** Resolves once every pending wx callback (requests, nextTick...) has run, including ones they start. */
  settle(): Promise<void>;
  /** The page leaving the screen (another page on top, the app in the background), and coming back. */
  hide(): void;
  show(): void;
  /** Unloads the page and removes it from the document. */
  detach(): void;
};

export type PageContext = {
  route: string;
  query: Record<string, string>;
  fake: FakeWxRuntime;
  /** getCurrentPages(): the opened page is pushed onto it. */
  pages: ComponentInstance[];
};

const SETTLE_ROUNDS = 100;
/** A real shop-api on a loaded machine: generous, and still an answer rather than a hang. */
const SERVER_WAIT_MS = 60_000;

/** Attaches the page and runs onLoad, onShow and onReady. Throws (leaving nothing attached) if any of it fails. */
export function openPage(root: RootComponent, { route, query, fake, pages }: PageContext): RenderedPage {
  const container = document.body.appendChild(document.createElement("div"));
  const page = root.instance;
  let attached = true;
  const unload = () => {
    attached = false;
    root.detach();
    container.remove();
  };

  try {
    // On the page stack before its components attach: they may query it (vant's sticky and tabs do).
    Object.assign(page, { route, options: query });
    pages.push(page);
    root.attach(container);
    lifecycle(page, "onLoad", query);
    lifecycle(page, "onShow");
    root.triggerPageLifeTime("show");
    lifecycle(page, "onReady");
    throwRaisedErrors(`rendering ${route}`);
  } catch (error) {
    unload();
    throw error;
  }

  return {
    root: root.dom,
    text: () => visibleText(root.dom),
    page,
    wx: fake.log,
    tap(target) {
      const element = typeof target === "string" ? root.dom.querySelector(target) : target;
      if (!element) throw new Error(`Nothing matches ${String(target)} in ${route}`);
      tap(element);
      throwRaisedErrors(`a tap on ${route}`);
    },
    async settle() {
      // Rounds spent waiting on a real server's answer do not count: only the page's own rescheduling does.
      const deadline = Date.now() + SERVER_WAIT_MS;
      for (let round = 0; round < SETTLE_ROUNDS; ) {
        await new Promise((resolve) => setTimeout(resolve, fake.waiting() > 0 ? 5 : 0));
        if (fake.pending() === 0) return throwRaisedErrors(`settling ${route}`);
        if (fake.waiting() === 0) round++;
        else if (Date.now() > deadline) throw new Error(`${route} waited ${SERVER_WAIT_MS} ms for a server's answer`);
      }
      throw new Error(`${route} kept scheduling wx callbacks for ${SETTLE_ROUNDS} rounds (polling?)`);
    },
    hide() {
      lifecycle(page, "onHide");
      root.triggerPageLifeTime("hide");
      throwRaisedErrors(`hiding ${route}`);
    },
    show() {
      lifecycle(page, "onShow");
      root.triggerPageLifeTime("show");
      throwRaisedErrors(`showing ${route}`);
    },
    detach() {
      if (!attached) return;
      try {
        lifecycle(page, "onUnload");
      } finally {
        unload();
      }
      throwRaisedErrors(`unloading ${route}`);
    },
  };
}

function lifecycle(page: ComponentInstance, name: string, ...args: unknown[]) {
  const handler = page[name];
  if (typeof handler === "function") handler.apply(page, args);
}
