// Content-Security-Policy violations a page reports, both ways a browser tells: the `securitypolicyviolation`
// event (collected in the page from its first script on) and the console's refusal messages.
import type { BrowserContext, Page } from "@playwright/test";

export type Violation = { page: string; what: string };

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Starts recording every violation of the pages the context opens; read them with `violations()`. */
export async function watchCsp(context: BrowserContext): Promise<() => Promise<Violation[]>> {
  const seen: Violation[] = [];
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations!.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    }, true);
  });
  const listen = (page: Page) =>
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (load|execute|apply|evaluate|connect|frame)/i.test(message.text())) seen.push({ page: page.url(), what: message.text() });
    });
  context.pages().forEach(listen);
  context.on("page", listen);
  return async () => {
    const reported: Violation[] = [];
    for (const page of context.pages()) {
      const events = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
      reported.push(...events.map((what) => ({ page: page.url(), what })));
    }
    return [...seen, ...reported];
  };
}
