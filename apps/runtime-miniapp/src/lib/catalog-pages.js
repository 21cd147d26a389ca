// The catalog page by page from the read API, as the shopper scrolls: `<apiBase>/items` by category or search
// text, each page naming the cursor of the next. A list shows the items this launch already knows first (baked,
// cached), so it is never blank without network; the first page then replaces them and later pages append.
const { acceptItem, acceptItemsPage } = require("./accept");
const { findItem } = require("./catalog");
const { getJson } = require("./request");
const { baked, currentSite, rememberItems } = require("./site");

const PAGE_SIZE = 20;
/** The read API refuses longer search text. */
const MAX_QUERY_LENGTH = 40;

function query(params) {
  const pairs = Object.keys(params)
    .filter((key) => params[key])
    .map((key) => `${key}=${encodeURIComponent(params[key])}`);
  return pairs.length ? `?${pairs.join("&")}` : "";
}

/** `/catalog`: every category and the first page of items. */
function catalogUrl(apiBase) {
  return `${apiBase}/catalog${query({ limit: PAGE_SIZE })}`;
}

function itemsUrl(apiBase, filter, cursor) {
  const q = filter.keyword ? filter.keyword.slice(0, MAX_QUERY_LENGTH) : "";
  return `${apiBase}/items${query({ limit: PAGE_SIZE, cursor, category: filter.categoryId, q })}`;
}

/**
 * A list of items that grows a page at a time. `filter` is `{ categoryId, keyword }` (either may be empty; the
 * category "none" is "其他"); `seed` the known items matching it; `onChange({ items, loading, done, failed })`
 * hears every change. Without an API the list is the seed.
 */
function createItemFeed(filter, seed, onChange) {
  const state = { items: seed, loading: false, done: !baked.apiBase, failed: false };
  let cursor = "";
  let firstPage = true;
  let stopped = false;

  function emit() {
    if (!stopped) onChange(Object.assign({}, state));
  }

  function settle(page) {
    if (stopped) return;
    if (page) {
      rememberItems(page.items);
      const ids = new Set(state.items.map((item) => item.id));
      state.items = firstPage ? page.items : state.items.concat(page.items.filter((item) => !ids.has(item.id)));
      firstPage = false;
      cursor = page.nextCursor || "";
      state.done = !cursor;
    }
    state.failed = !page;
    state.loading = false;
    emit();
  }

  /** Loads the next page unless one is loading or none is left; a failed page is asked again on the next call. */
  function more() {
    if (stopped || state.loading || state.done) return;
    state.loading = true;
    emit();
    getJson(itemsUrl(baked.apiBase, filter, cursor), "").then(
      (answer) => settle(answer.status === 200 ? acceptItemsPage(answer.body) : null),
      () => settle(null),
    );
  }

  return {
    more,
    /** Answers still on their way are dropped: the shopper has moved on to another list. */
    stop() {
      stopped = true;
    },
  };
}

/** One item this launch does not know yet (opened from a link or a later page), remembered once it arrives; null without it. */
function fetchItem(itemId) {
  if (!baked.apiBase || !itemId) return Promise.resolve(null);
  return getJson(`${baked.apiBase}/items/${encodeURIComponent(itemId)}`, "").then(
    (answer) => {
      const item = answer.status === 200 ? acceptItem(answer.body) : null;
      if (item) rememberItems([item]);
      return item;
    },
    () => null,
  );
}

const askedThisLaunch = new Set();

/**
 * For lists of saved lines (cart, basket) whose items `shown` lacks, as after a relaunch for items added from a
 * later page: asks the API for each once per launch, then calls `onKnown(catalog)` with the catalog that now
 * holds some of them. Items the API no longer has stay out, as gone items do.
 */
function learnItems(itemIds, shown, onKnown) {
  const missing = itemIds.filter((id) => !findItem(shown, id));
  if (!missing.length) return;
  const asking = missing.filter((id) => !findItem(currentSite().catalog, id) && !askedThisLaunch.has(id));
  asking.forEach((id) => askedThisLaunch.add(id));
  Promise.all(asking.map(fetchItem)).then(() => {
    const catalog = currentSite().catalog;
    if (missing.some((id) => findItem(catalog, id))) onKnown(catalog);
  });
}

module.exports = { catalogUrl, createItemFeed, fetchItem, learnItems, PAGE_SIZE };
