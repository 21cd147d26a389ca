// Shows a product's specs with their values (lib/sku-choice.js computes them); a tap on an available value
// emits `pick` with `{ spec, value }` and the page decides.
Component({
  options: { styleIsolation: "apply-shared" },
  properties: { specs: { type: Array, value: [] } },
  methods: {
    onPick(event) {
      const { spec, value, disabled } = event.currentTarget.dataset;
      if (!disabled) this.triggerEvent("pick", { spec, value });
    },
  },
});
