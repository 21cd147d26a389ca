// What shop-api answers from memory: each live store's answers as ready bytes with their ETag, kept per store in
// an LRU bounded by bytes. A store is read from PostgreSQL once (loadShopperStore), then every page, item and the
// site are cut from memory. `invalidate` drops a store; a read that was under way when it arrived is not kept (and
// is read again), so nothing read before a change is served after its invalidation arrived. Stores that are not
// live are never cached: asking about them costs a read each time, which the rate limits bound.
import type { Item } from "@kaidian/catalog";
import type { Site } from "@kaidian/templates";
import { LEGACY_CATALOG_LIMIT, type PageQuery, pageOf, type ShopperCatalog } from "../catalog-pages";
import { etagOfBytes } from "../etag";
import type { InvalidConfigError } from "../errors";
import { siteResponseSchema } from "../schemas";
import type { FirstPageRead, ShopperStore } from "../shopper-store";
import { ByteLru } from "./byte-lru";

export type Ready = { body: Buffer; etag: string };

export type Answer =
  | { kind: "ready"; ready: Ready }
  | { kind: "notFound"; code: "tenant.notFound" | "item.notFound" }
  /** The store's published config does not pass its template: nothing shoppers could use; logged when read. */
  | { kind: "broken" };

/** Pages kept per store (each search or category is its own); the oldest goes first. */
const MAX_PAGES_PER_STORE = 256;
/** Reads of one store retried when changes keep arriving while reading; the last is answered without being kept. */
const MAX_ATTEMPTS = 3;

function ready(body: unknown): Ready {
  const bytes = Buffer.from(JSON.stringify(body));
  return { body: bytes, etag: etagOfBytes(bytes) };
}

class CachedStore {
  readonly site: Ready | null;
  readonly storeInfo: Ready | null;
  readonly categories: Ready;
  private readonly pages = new Map<string, Ready>();
  private readonly items = new Map<string, Ready>();
  readonly catalog: ShopperCatalog;
  private baseBytes: number;
  private extraBytes = 0;

  constructor(store: ShopperStore) {
    this.catalog = store.catalog;
    const site: Site | null = store.site instanceof Error ? null : siteResponseSchema.parse(store.site);
    this.site = site && ready(site);
    this.storeInfo = site && ready({ store: site.config.store });
    this.categories = ready({ categories: store.catalog.categories });
    // The catalog's objects weigh about what their JSON does (measured once, at fill, never per request).
    const catalogBytes = Buffer.byteLength(JSON.stringify(store.catalog.items)) * 2;
    this.baseBytes = catalogBytes + (this.site?.body.length ?? 0) + (this.storeInfo?.body.length ?? 0) + this.categories.body.length;
  }

  get bytes(): number {
    return this.baseBytes + this.extraBytes;
  }

  page(key: string, make: () => unknown): Ready {
    const hit = this.pages.get(key);
    if (hit) return hit;
    const made = ready(make());
    this.pages.set(key, made);
    this.extraBytes += made.body.length + key.length;
    if (this.pages.size > MAX_PAGES_PER_STORE) {
      const [oldestKey, oldest] = this.pages.entries().next().value!;
      this.pages.delete(oldestKey);
      this.extraBytes -= oldest.body.length + oldestKey.length;
    }
    return made;
  }

  item(id: string): Ready | null {
    const hit = this.items.get(id);
    if (hit) return hit;
    const item = this.catalog.byId.get(id);
    if (!item) return null;
    const made = ready({ item });
    // Items share the page bound: each is one more answer kept for this store.
    if (this.items.size < MAX_PAGES_PER_STORE) {
      this.items.set(id, made);
      this.extraBytes += made.body.length;
    }
    return made;
  }
}

type Flight = { promise: Promise<CachedStore | null>; stale: boolean };

export type ShopCacheOptions = {
  /** Reads a live store from PostgreSQL; null when it is not live (unknown, suspended, nothing published). */
  load: (tenantId: string) => Promise<ShopperStore | null>;
  /**
   * The first unfiltered page of a store not in memory, read on its own: a miss of a large store answers it at once
   * while `load` fills the cache (the same bytes the cached store will cut).
   */
  loadFirstPage?: (tenantId: string, limit: number) => Promise<FirstPageRead>;
  maxBytes: number;
  /** Told once per read of a store whose rows or config could not all be used. */
  onProblems?: (tenantId: string, problems: { skipped: ShopperCatalog["skipped"]; config: InvalidConfigError | null }) => void;
};

export class ShopCache {
  private readonly lru: ByteLru<CachedStore>;
  private readonly flights = new Map<string, Flight>();
  /** Invalidations so far (of any store): a quick first page read while one arrived is not answered. */
  private invalidations = 0;

  constructor(private readonly options: ShopCacheOptions) {
    this.lru = new ByteLru(options.maxBytes);
  }

  /** Bytes and stores held now (for metrics and the benchmark). */
  get usage(): { bytes: number; stores: number } {
    return { bytes: this.lru.bytes, stores: this.lru.size };
  }

  /** The store changed: its answers go now, and a read of it under way is not kept. */
  invalidate(tenantId: string): void {
    this.invalidations++;
    this.lru.delete(tenantId);
    const flight = this.flights.get(tenantId);
    if (flight) flight.stale = true;
  }

  /** Everything goes (changes may have been missed and it is not known which stores they touched). */
  invalidateAll(): void {
    this.invalidations++;
    this.lru.clear();
    for (const flight of this.flights.values()) flight.stale = true;
  }

  async site(tenantId: string): Promise<Answer> {
    const store = await this.store(tenantId);
    if (!store) return notFound("tenant.notFound");
    return store.site ? { kind: "ready", ready: store.site } : { kind: "broken" };
  }

  async storeInfo(tenantId: string): Promise<Answer> {
    const store = await this.store(tenantId);
    if (!store) return notFound("tenant.notFound");
    return store.storeInfo ? { kind: "ready", ready: store.storeInfo } : { kind: "broken" };
  }

  async categories(tenantId: string): Promise<Answer> {
    const store = await this.store(tenantId);
    return store ? { kind: "ready", ready: store.categories } : notFound("tenant.notFound");
  }

  /** `/catalog`: all categories and one page of items; `legacy` (no parameters at all) is the bounded whole list. */
  async catalogPage(tenantId: string, query: PageQuery, legacy: boolean): Promise<Answer> {
    const firstPage = !legacy && query.cursor === undefined && query.category === undefined && query.q === undefined;
    if (firstPage && this.options.loadFirstPage && !this.lru.peek(tenantId)) {
      // The whole store is read meanwhile; its failure reaches whoever waits for it, not this answer.
      void (this.flights.get(tenantId) ?? this.fly(tenantId)).promise.catch(() => undefined);
      const before = this.invalidations;
      const read = await this.options.loadFirstPage(tenantId, query.limit);
      if (this.invalidations === before) {
        if (read.kind === "notLive") return notFound("tenant.notFound");
        if (read.kind === "page") return { kind: "ready", ready: ready(read.page) };
      }
    }
    const store = await this.store(tenantId);
    if (!store) return notFound("tenant.notFound");
    const limit = legacy ? LEGACY_CATALOG_LIMIT : query.limit;
    const key = `catalog|${limit}|${query.cursor ?? ""}|${query.category ?? ""}|${query.q ?? ""}`;
    const page = store.page(key, () => ({ categories: store.catalog.categories, ...pageOf(store.catalog, { ...query, limit }) }));
    this.resize(tenantId, store);
    return { kind: "ready", ready: page };
  }

  /** `/items`: one page of items. */
  async itemsPage(tenantId: string, query: PageQuery): Promise<Answer> {
    const store = await this.store(tenantId);
    if (!store) return notFound("tenant.notFound");
    const key = `items|${query.limit}|${query.cursor ?? ""}|${query.category ?? ""}|${query.q ?? ""}`;
    const page = store.page(key, () => pageOf(store.catalog, query));
    this.resize(tenantId, store);
    return { kind: "ready", ready: page };
  }

  async item(tenantId: string, itemId: string): Promise<Answer> {
    const store = await this.store(tenantId);
    if (!store) return notFound("tenant.notFound");
    const item = store.item(itemId);
    this.resize(tenantId, store);
    return item ? { kind: "ready", ready: item } : notFound("item.notFound");
  }

  /**
   * The store's visible items among `ids` as this process holds them; null when the store is not live. Whether a SKU
   * has any stock left is kept current (the change feed fires when one sells out or comes back); a count above zero
   * may lag, so only "none left" may be answered from here.
   */
  async items(tenantId: string, ids: readonly string[]): Promise<Item[] | null> {
    const store = await this.store(tenantId);
    if (!store) return null;
    return ids.flatMap((id) => store.catalog.byId.get(id) ?? []);
  }

  /** Whether the store is live, from memory when it is cached. */
  async isLive(tenantId: string): Promise<boolean> {
    return (await this.store(tenantId)) !== null;
  }

  /** Counts answers a cached store has made since it was kept. */
  private resize(tenantId: string, store: CachedStore): void {
    if (this.lru.peek(tenantId) === store && this.lru.weightOf(tenantId) !== store.bytes) this.lru.set(tenantId, store, store.bytes);
  }

  private store(tenantId: string): Promise<CachedStore | null> | CachedStore {
    const hit = this.lru.get(tenantId);
    if (hit) return hit;
    // Concurrent misses of one store share one read.
    return (this.flights.get(tenantId) ?? this.fly(tenantId)).promise;
  }

  private fly(tenantId: string): Flight {
    const flight: Flight = { stale: false, promise: Promise.resolve(null) };
    flight.promise = (async () => {
      try {
        for (let attempt = 1; ; attempt++) {
          flight.stale = false;
          const loaded = await this.options.load(tenantId);
          const store = loaded && new CachedStore(loaded);
          if (loaded && (loaded.catalog.skipped.length || loaded.site instanceof Error)) {
            this.options.onProblems?.(tenantId, { skipped: loaded.catalog.skipped, config: loaded.site instanceof Error ? loaded.site : null });
          }
          if (!flight.stale) {
            if (store) this.lru.set(tenantId, store, store.bytes);
            return store;
          }
          if (attempt === MAX_ATTEMPTS) return store;
        }
      } finally {
        if (this.flights.get(tenantId) === flight) this.flights.delete(tenantId);
      }
    })();
    this.flights.set(tenantId, flight);
    return flight;
  }
}

function notFound(code: "tenant.notFound" | "item.notFound"): Answer {
  return { kind: "notFound", code };
}
