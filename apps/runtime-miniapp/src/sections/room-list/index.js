// Room types with their facts and nightly price. "预订" picks the room for the stay and opens the booking page.
const { itemsOf } = require("../../lib/catalog");
const { openPage } = require("../../lib/links");
const { updateStay } = require("../../lib/stay");

function roomFacts(details) {
  const facts = [];
  if (details.bedType) facts.push(details.bedType);
  if (details.areaSqm) facts.push(`${details.areaSqm}㎡`);
  facts.push(`可住 ${details.capacity} 人`);
  if (details.breakfast) facts.push("含早");
  return facts.join(" · ");
}

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    settings: { type: Object, value: null },
    catalog: { type: Object, value: null },
  },
  data: { title: "", showAmenities: true, rooms: [] },
  observers: {
    "settings, catalog"(settings, catalog) {
      const { title, limit, showAmenities } = settings || {};
      const rooms = itemsOf(catalog)
        .filter((item) => item.kind === "room")
        .slice(0, Number(limit) || 6)
        .map((room) => ({
          id: room.id,
          title: room.title,
          image: room.images[0] || "",
          facts: roomFacts(room.details),
          amenities: room.details.amenities,
          priceFen: room.priceFen,
        }));
      this.setData({ title: title || "", showAmenities: showAmenities !== false, rooms });
    },
  },
  methods: {
    onOpen(event) {
      openPage("item", { id: event.currentTarget.dataset.id });
    },
    onBook(event) {
      updateStay({ roomId: event.currentTarget.dataset.id });
      openPage("booking");
    },
  },
});
