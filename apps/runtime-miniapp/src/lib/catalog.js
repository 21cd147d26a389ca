// Read-only views of the catalog a page holds.
// "其他" gathers items whose category is gone; its id is the read API's filter for them (`category=none`), so
// it pages like any shelf.
const OTHER_SHELF = { id: "none", name: "其他" };

function itemsOf(catalog) {
  return catalog && Array.isArray(catalog.items) ? catalog.items : [];
}

function categoriesOf(catalog) {
  return catalog && Array.isArray(catalog.categories) ? catalog.categories : [];
}

function findItem(catalog, itemId) {
  return itemsOf(catalog).find((item) => item.id === itemId) || null;
}

/** Items of one category, or of all when `categoryId` is empty. */
function itemsInCategory(catalog, categoryId) {
  const items = itemsOf(catalog);
  return categoryId ? items.filter((item) => item.categoryId === categoryId) : items;
}

/** Every category with its items, then "其他" for items whose category is missing, so no item is unreachable. */
function shelves(catalog) {
  const categories = categoriesOf(catalog);
  const known = new Set(categories.map((category) => category.id));
  const list = categories.map((category) => ({ id: category.id, name: category.name, items: itemsInCategory(catalog, category.id) }));
  const others = itemsOf(catalog).filter((item) => !known.has(item.categoryId));
  if (others.length) list.push({ id: OTHER_SHELF.id, name: OTHER_SHELF.name, items: others });
  return list;
}

/** Items whose title or description contains `keyword`, ignoring case. */
function searchItems(catalog, keyword) {
  const wanted = keyword.toLowerCase();
  return itemsOf(catalog).filter(
    (item) => item.title.toLowerCase().includes(wanted) || item.description.toLowerCase().includes(wanted),
  );
}

module.exports = { categoriesOf, findItem, itemsInCategory, itemsOf, searchItems, shelves };
