// Decides whether an answer of the read API may replace what the Mini Program shows. An answer is taken whole
// or refused whole: a broken, foreign or newer-shaped answer leaves the baked (or last good) content on screen.
const SITE_API_VERSION = 1;

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isString(value) {
  return typeof value === "string";
}

function isFen(value) {
  return Number.isInteger(value) && value >= 0;
}

function isSection(section) {
  return isObject(section) && isString(section.id) && isString(section.type) && isObject(section.settings);
}

function isPage(page) {
  return isObject(page) && isString(page.title) && Array.isArray(page.sections) && page.sections.every(isSection);
}

/** The Site answer if it is for this tenant, this API version and this package's config schema; else null. */
function acceptSite(answer, bakedSite) {
  if (!isObject(answer) || answer.apiVersion !== SITE_API_VERSION) return null;
  if (answer.tenantId !== bakedSite.tenantId || !Number.isInteger(answer.configVersion)) return null;
  const config = answer.config;
  if (!isObject(config)) return null;
  // The package's components were built for one config schema; another one may not render. The platform template
  // (lib/ext-store.js) bakes no site, so it takes its store's whatever the template.
  const template = bakedSite.config.templateId === null;
  if (!template && (config.schemaVersion !== bakedSite.config.schemaVersion || config.templateId !== bakedSite.config.templateId)) {
    return null;
  }
  if (!isObject(config.theme) || !isObject(config.store) || !Array.isArray(config.tabBar) || !isObject(config.pages)) {
    return null;
  }
  return Object.keys(config.pages).every((id) => isPage(config.pages[id])) ? answer : null;
}

const detailsCheck = {
  product: (details) => Array.isArray(details.specs) && Array.isArray(details.skus),
  room: (details) => Number.isInteger(details.capacity) && Array.isArray(details.amenities),
  dish: (details) => Array.isArray(details.optionGroups) && typeof details.soldOut === "boolean",
};

function isItem(item) {
  if (!isObject(item) || !isString(item.id) || !isString(item.title) || !isString(item.description)) return false;
  if (!isFen(item.priceFen) || !(item.categoryId === null || isString(item.categoryId))) return false;
  if (!Array.isArray(item.images) || !item.images.every(isString)) return false;
  const check = Object.prototype.hasOwnProperty.call(detailsCheck, item.kind) ? detailsCheck[item.kind] : null;
  return Boolean(check) && isObject(item.details) && check(item.details);
}

function isCategory(category) {
  return isObject(category) && isString(category.id) && isString(category.name);
}

function isCursor(value) {
  return value === undefined || value === null || isString(value);
}

/**
 * The catalog answer if every category and item has the shape the components read; else null. Its items may be
 * one page of many (`nextCursor`), or every item from a read API that does not page.
 */
function acceptCatalog(answer) {
  if (!isObject(answer) || !Array.isArray(answer.categories) || !Array.isArray(answer.items) || !isCursor(answer.nextCursor)) return null;
  return answer.categories.every(isCategory) && answer.items.every(isItem) ? answer : null;
}

/** One page of `/items` as `{ items, nextCursor }` (null cursor: the last page); else null. */
function acceptItemsPage(answer) {
  if (!isObject(answer) || !Array.isArray(answer.items) || !answer.items.every(isItem) || !isCursor(answer.nextCursor)) return null;
  return { items: answer.items, nextCursor: answer.nextCursor || null };
}

/** The item of an `/items/<id>` answer; else null. */
function acceptItem(answer) {
  return isObject(answer) && isItem(answer.item) ? answer.item : null;
}

module.exports = { acceptSite, acceptCatalog, acceptItem, acceptItemsPage, isObject };
