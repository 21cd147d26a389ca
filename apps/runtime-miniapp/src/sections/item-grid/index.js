const { itemsInCategory } = require("../../lib/catalog");

const LAYOUTS = ["grid", "list", "large"];

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    settings: { type: Object, value: null },
    catalog: { type: Object, value: null },
  },
  data: { title: "", layout: "grid", showPrice: true, items: [] },
  observers: {
    "settings, catalog"(settings, catalog) {
      const { title, layout, categoryId, limit, showPrice } = settings || {};
      this.setData({
        title: title || "",
        layout: LAYOUTS.includes(layout) ? layout : "grid",
        showPrice: showPrice !== false,
        items: itemsInCategory(catalog, categoryId || "").slice(0, Number(limit) || 6),
      });
    },
  },
});
