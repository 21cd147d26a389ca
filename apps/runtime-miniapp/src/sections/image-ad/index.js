const { openLink } = require("../../lib/links");

Component({
  options: { styleIsolation: "apply-shared" },
  properties: { settings: { type: Object, value: null } },
  methods: {
    onTap() {
      openLink(this.data.settings.link);
    },
  },
});
