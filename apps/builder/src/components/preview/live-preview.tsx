"use client";
// The Mini Program as a shopper will see it, beside the editor: the runtime's own pages drawn by packages/preview in
// a phone frame with WeChat's navigation bar and the store's tab bar.
import type { NavigationRequest, PreviewHandle } from "@kaidian/preview/browser";
import { pages, PAGE_IDS, type PageId, type SiteSnapshot } from "@kaidian/templates";
import { useEffect, useRef, useState, type CSSProperties } from "react";
import { format, type Dictionary } from "@/i18n";
import { loadPreview } from "./preview-bundle";

export type LivePreviewProps = {
  snapshot: SiteSnapshot;
  page: PageId;
  selectedSection?: string;
  onSelectSection?: (sectionId: string) => void;
  onNavigate?: (page: PageId) => void;
  words: Dictionary["preview"];
  /** Size of the 375 px phone on screen (1 = actual size). */
  scale?: number;
  /** Fill the screen instead of drawing a phone (the phone preview page). */
  fill?: boolean;
  /** Queries pages open with, as a scanned code gives them (the order page's table, `t`). */
  initialQueries?: Partial<Record<PageId, Record<string, string>>>;
};

// WeChat's bar heights on a 375 pt iPhone.
const STATUS_BAR = 20;
const NAVIGATION_BAR = 44;
const TAB_BAR = 50;
const PHONE_HEIGHT = 667;

const pageOfRoute = (route: string): PageId | undefined => PAGE_IDS.find((id) => pages[id].path === route);

type State = { status: "loading" } | { status: "ready" } | { status: "error"; message: string };

export function LivePreview({ snapshot, page, selectedSection, onSelectSection, onNavigate, words, scale = 1, fill = false, initialQueries }: LivePreviewProps) {
  const frame = useRef<HTMLElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<PreviewHandle | null>(null);
  const shown = useRef<SiteSnapshot | null>(null);
  const revision = useRef(0);
  const queries = useRef<Partial<Record<PageId, Record<string, string>>>>({ ...initialQueries });
  // One phone's storage for every page shown: what one page puts in the cart, the cart page shows.
  const storage = useRef(new Map<string, string>());
  const screen = useRef<HTMLDivElement>(null);
  // Full screen, the 375 px page is zoomed to the phone's width, as rpx scales a Mini Program to any phone.
  const [zoom, setZoom] = useState(1);
  useEffect(() => {
    const element = screen.current;
    if (!fill || !element) return;
    const observer = new ResizeObserver(() => setZoom(element.clientWidth / 375 || 1));
    observer.observe(element);
    return () => observer.disconnect();
  }, [fill]);
  const callbacks = useRef({ onSelectSection, onNavigate });
  callbacks.current = { onSelectSection, onNavigate };
  const latest = useRef(snapshot);
  latest.current = snapshot;
  const [state, setState] = useState<State>({ status: "loading" });

  const markRendered = () => {
    revision.current += 1;
    frame.current?.setAttribute("data-revision", String(revision.current));
    frame.current?.setAttribute("data-rendered-at", String(performance.now()));
  };

  // (Re)draws the page whenever the page shown changes.
  useEffect(() => {
    let cancelled = false;
    setState({ status: "loading" });
    loadPreview().then(
      ({ bundle, renderer }) => {
        if (cancelled || !host.current) return;
        try {
          handle.current = renderer.renderPreview(host.current, bundle, latest.current, pages[page].path, {
            query: queries.current[page],
            assetBase: "/api/mp/v1",
            storage: storage.current,
            onNavigate: (request: NavigationRequest) => {
              const target = pageOfRoute(request.route);
              if (!target) return;
              queries.current[target] = request.query;
              callbacks.current.onNavigate?.(target);
            },
            onError: (error: unknown) => setState({ status: "error", message: String(error) }),
          });
          shown.current = latest.current;
          markRendered();
          setState({ status: "ready" });
        } catch (error) {
          setState({ status: "error", message: error instanceof Error ? error.message : String(error) });
        }
      },
      (error: unknown) => !cancelled && setState({ status: "error", message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
    };
  }, [page]);

  // Every edit reaches the drawn page through the runtime's own setData, in a few milliseconds.
  useEffect(() => {
    if (!handle.current || shown.current === snapshot) return;
    try {
      handle.current.update(snapshot);
      shown.current = snapshot;
      markRendered();
    } catch (error) {
      setState({ status: "error", message: error instanceof Error ? error.message : String(error) });
    }
  }, [snapshot]);

  // The selected section's outline, and clicks choosing a section, inside the preview's shadow root.
  useEffect(() => {
    const root = handle.current?.root;
    if (!root || state.status !== "ready") return;
    const style = document.createElement("style");
    const selector = selectedSection ? `[data-section-id="${CSS.escape(selectedSection)}"]` : "";
    style.textContent = `[data-section-id] { display: block; cursor: pointer; }${
      selector ? `${selector} { outline: 2px solid #2563eb; outline-offset: -2px; }` : ""
    }`;
    root.append(style);
    const onClick = (event: Event) => {
      const section = event
        .composedPath()
        .find((target): target is Element => target instanceof Element && target.hasAttribute("data-section-id"));
      if (section) callbacks.current.onSelectSection?.(section.getAttribute("data-section-id") as string);
    };
    root.addEventListener("click", onClick);
    return () => {
      style.remove();
      root.removeEventListener("click", onClick);
    };
  }, [selectedSection, state.status, page]);

  const config = snapshot.site.config;
  const title = config.pages[page]?.title || config.store.name;
  const barText = config.theme.navigationBarText === "black" ? "#000000" : "#ffffff";
  const height = fill ? "100dvh" : `${PHONE_HEIGHT}px`;
  const phone: CSSProperties = fill
    ? { width: "100%", height }
    : { width: 375, height, transform: scale === 1 ? undefined : `scale(${scale})`, transformOrigin: "top left" };

  return (
    <figure
      ref={frame}
      data-testid="live-preview"
      data-state={state.status}
      aria-label={format(words.label, { store: config.store.name, page: title })}
      aria-busy={state.status === "loading"}
      className="m-0"
      style={fill ? undefined : { width: 375 * scale, height: PHONE_HEIGHT * scale }}
    >
      <div
        className={`relative flex flex-col overflow-hidden bg-white ${fill ? "" : "rounded-[28px] border-[6px] border-slate-800 shadow-lg"}`}
        style={{ ...phone, boxSizing: fill ? undefined : "content-box" }}
      >
        <div aria-hidden style={{ height: fill ? 0 : STATUS_BAR, background: config.theme.primaryColor }} />
        <header
          className="flex shrink-0 items-center justify-center px-12 text-[17px] font-medium"
          style={{ height: NAVIGATION_BAR, background: config.theme.primaryColor, color: barText }}
        >
          <span className="truncate">{title}</span>
        </header>
        {/* The page area is the containing block of the page's fixed bars (a basket bar), as on WeChat, where they sit
            above the tab bar instead of covering it; the scrolling happens inside it. */}
        <div className="relative min-h-0 flex-1" style={{ background: config.theme.backgroundColor, transform: "translateZ(0)" }}>
        <div ref={screen} className="absolute inset-0 overflow-y-auto overflow-x-hidden">
          <div ref={host} data-zoom={zoom} style={fill ? { zoom } : undefined} />
          {state.status !== "ready" && (
            <div role={state.status === "error" ? "alert" : "status"} className="absolute inset-0 flex items-center justify-center bg-white/90 p-6 text-center text-sm text-slate-600">
              {state.status === "loading" ? words.loading : format(words.failed, { message: state.message })}
            </div>
          )}
        </div>
        </div>
        <nav aria-label={words.tabBar} className="flex shrink-0 border-t border-slate-200 bg-white" style={{ height: TAB_BAR }}>
          {config.tabBar.map((tab) => {
            const current = tab.page === page;
            const icon = pages[tab.page].tabIcon;
            return (
              <button
                key={tab.page}
                type="button"
                aria-current={current ? "page" : undefined}
                onClick={() => onNavigate?.(tab.page)}
                className="flex flex-1 flex-col items-center justify-center gap-0.5 text-[10px] focus-visible:outline-2 focus-visible:outline-blue-600"
                style={{ color: current ? config.theme.primaryColor : "#7d7e80" }}
              >
                <TabIcon icon={icon} active={current} />
                <span>{tab.text}</span>
              </button>
            );
          })}
        </nav>
      </div>
    </figure>
  );
}

/** The runtime's own tab icon pictures, from the bundle once it is loaded. */
function TabIcon({ icon, active }: { icon: string; active: boolean }) {
  const [images, setImages] = useState<Record<string, string> | null>(null);
  useEffect(() => {
    let cancelled = false;
    loadPreview().then(({ bundle }) => !cancelled && setImages(bundle.images), () => undefined);
    return () => {
      cancelled = true;
    };
  }, []);
  const src = images?.[`assets/tab/${icon}${active ? "-active" : ""}.png`];
  return src ? <img src={src} alt="" width={24} height={24} /> : <span aria-hidden className="block h-6 w-6" />;
}
