// The queue: the party-size groups and how many wait in each, then the shopper's number and how many are ahead,
// kept current while the page is open (lib/queue.js says how). When the store has not switched online numbers on,
// or shop-api cannot be reached, the section shows the table sizes and says numbers are taken in the store.
const { callStore } = require("../../lib/store-actions");
const queue = require("../../lib/queue");

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    settings: { type: Object, value: null },
    store: { type: Object, value: null },
  },
  data: { online: false, groups: [], partySize: 2, group: null, ticket: null, taking: false, error: "", templateId: "" },
  lifetimes: {
    attached() {
      this.visible = true;
      this.load();
    },
    detached() {
      this.visible = false;
      this.stopPolling();
    },
  },
  pageLifetimes: {
    show() {
      this.visible = true;
      if (this.data.ticket) this.refresh();
    },
    hide() {
      this.visible = false;
      this.stopPolling();
    },
  },
  methods: {
    load() {
      queue.loadQueue().then((state) => {
        if (!state || !state.enabled) return this.setData({ online: false });
        this.setData({ online: true, groups: state.groups, templateId: state.calledTemplateId || "" });
        this.choose(this.data.partySize);
        queue.currentTicket().then((ticket) => this.showTicket(ticket));
      });
    },
    choose(partySize) {
      const size = Math.max(1, Math.min(queue.MAX_PARTY, partySize));
      this.setData({ partySize: size, group: queue.groupFor(this.data.groups, size), error: "" });
    },
    onFewer() {
      this.choose(this.data.partySize - 1);
    },
    onMore() {
      this.choose(this.data.partySize + 1);
    },
    onTake() {
      if (this.data.taking || !this.data.group) return;
      this.setData({ taking: true, error: "" });
      queue.takeTicket(this.data.partySize, this.data.templateId).then((result) => {
        this.setData({ taking: false, error: result.error || "" });
        if (result.ticket) this.showTicket(result.ticket);
      });
    },
    onCancel() {
      const ticket = this.data.ticket;
      if (!ticket) return;
      queue.cancelTicket(ticket.id).then((cancelled) => {
        this.stopPolling();
        if (cancelled) this.setData({ ticket: null });
        this.load();
      });
    },
    showTicket(ticket) {
      this.setData({ ticket: ticket ? Object.assign({ finished: queue.FINISHED.includes(ticket.status) }, ticket) : null });
      this.stopPolling();
      if (ticket && !queue.FINISHED.includes(ticket.status) && this.visible) this.timer = setTimeout(() => this.refresh(), queue.POLL_MS);
    },
    refresh() {
      const current = this.data.ticket;
      if (!current) return;
      queue.readTicket(current.id).then((ticket) => this.showTicket(ticket || current));
    },
    stopPolling() {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    },
    onCall() {
      callStore(this.data.store);
    },
  },
});
