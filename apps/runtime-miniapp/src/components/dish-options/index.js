// Shows a dish's option groups (lib/dish-choice.js computes them); a tap emits `pick` with `{ group, name }`
// and the page or menu decides.
Component({
  options: { styleIsolation: "apply-shared" },
  properties: { groups: { type: Array, value: [] } },
  methods: {
    onPick(event) {
      const { group, name } = event.currentTarget.dataset;
      this.triggerEvent("pick", { group, name });
    },
  },
});
