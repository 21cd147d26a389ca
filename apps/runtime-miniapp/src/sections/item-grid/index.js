const { findItem, itemsInCategory } = require("../../lib/catalog");

const LAYOUTS = ["grid", "list", "large"];

// Picked items show in the merchant's order; one since removed from the catalog is left out, never a blank card.
function itemsToShow(settings, catalog) {
  if (settings.source === "picked") {
    const ids = Array.isArray(settings.itemIds) ? settings.itemIds : [];
    return ids.map((id) => findItem(catalog, id)).filter(Boolean);
  }
  return itemsInCategory(catalog, settings.categoryId || "").slice(0, Number(settings.limit) || 6);
}

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    settings: { type: Object, value: null },
    catalog: { type: Object, value: null },
  },
  data: { title: "", layout: "grid", showPrice: true, items: [] },
  observers: {
    "settings, catalog"(settings, catalog) {
      const { title, layout, showPrice } = settings || {};
      this.setData({
        title: title || "",
        layout: LAYOUTS.includes(layout) ? layout : "grid",
        showPrice: showPrice !== false,
        items: itemsToShow(settings || {}, catalog),
      });
    },
  },
});
