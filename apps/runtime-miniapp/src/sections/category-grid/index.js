// Category shortcuts. Each cell shows the picture of the category's first item: categories have no image.
const { categoriesOf, itemsInCategory } = require("../../lib/catalog");
const { openLink } = require("../../lib/links");

const COLUMNS = ["3", "4", "5"];

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    settings: { type: Object, value: null },
    catalog: { type: Object, value: null },
  },
  data: { title: "", columns: "4", cells: [] },
  observers: {
    "settings, catalog"(settings, catalog) {
      const { title, columns, limit } = settings || {};
      const cells = categoriesOf(catalog)
        .slice(0, Number(limit) || 8)
        .map((category) => {
          const first = itemsInCategory(catalog, category.id)[0];
          return { id: category.id, name: category.name, image: first && first.images[0] ? first.images[0] : "" };
        });
      this.setData({ title: title || "", columns: COLUMNS.includes(columns) ? columns : "4", cells });
    },
  },
  methods: {
    onTap(event) {
      openLink({ kind: "category", categoryId: event.currentTarget.dataset.id });
    },
  },
});
