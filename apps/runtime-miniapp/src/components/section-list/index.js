// Renders a page's configured sections, in order, each with the renderer of its type (src/sections/<type>).
Component({
  properties: {
    sections: { type: Array, value: [] },
    catalog: { type: Object, value: null },
    store: { type: Object, value: null },
  },
});
