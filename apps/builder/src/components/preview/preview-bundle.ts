// The preview bundle and the renderer, loaded once per page view in the browser: the bundle from the dashboard's
// bundle route (cached for good at its hash), the renderer as its own chunk because it needs the DOM.
import type { PreviewBundle } from "@kaidian/preview";

type Renderer = typeof import("@kaidian/preview/browser");

let loading: Promise<{ bundle: PreviewBundle; renderer: Renderer }> | undefined;

export function loadPreview(): Promise<{ bundle: PreviewBundle; renderer: Renderer }> {
  loading ??= Promise.all([
    fetch("/api/preview/bundle").then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json() as Promise<PreviewBundle>;
    }),
    import("@kaidian/preview/browser"),
  ]).then(([bundle, renderer]) => ({ bundle, renderer }));
  // A failed load is tried again by the next preview rather than remembered.
  loading.catch(() => (loading = undefined));
  return loading;
}
