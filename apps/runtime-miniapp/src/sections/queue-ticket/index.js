// Table types and party sizes for the queue. There is no queue service yet, so the section says numbers are
// taken at the store and offers a call instead of issuing a number it could not honour.
const { callStore } = require("../../lib/store-actions");

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    settings: { type: Object, value: null },
    store: { type: Object, value: null },
  },
  methods: {
    onCall() {
      callStore(this.data.store);
    },
  },
});
