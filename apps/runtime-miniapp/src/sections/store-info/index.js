// The store's own details (config `store`): address, hours, a phone call and the map.
const { callStore, showStoreOnMap } = require("../../lib/store-actions");

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    settings: { type: Object, value: null },
    store: { type: Object, value: null },
  },
  data: { show: {} },
  observers: {
    settings(settings) {
      const { showAddress, showHours, showPhone, showMap } = settings || {};
      this.setData({
        show: { address: showAddress !== false, hours: showHours !== false, phone: showPhone !== false, map: showMap !== false },
      });
    },
  },
  methods: {
    onCall() {
      callStore(this.data.store);
    },
    onMap() {
      showStoreOnMap(this.data.store);
    },
  },
});
