// The store's member card. A shopper who has not joined sees the benefits and a button that shares their phone
// number (getPhoneNumber) to join; a member sees their number, level and points, and the QR code staff scan at the
// till. The code is signed by shop-api and lives briefly, so it is fetched again on the interval the server gives
// while the card is on screen, and not at all while it is hidden.
const { isHexColor } = require("../../lib/theme");
const { discountText, joinMember, memberCode, myMember } = require("../../lib/members");

/** When a code cannot be had, try again after this long (the server's interval is not known then). */
const RETRY_MS = 30000;

/** "银卡 · 9.5折": a level's discount as shoppers read it, 折 being tenths of the price paid. */
function levelText(level) {
  const rate = discountText(level.percentOff);
  return rate ? `${level.name} · ${rate}` : level.name;
}

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    settings: { type: Object, value: null },
    store: { type: Object, value: null },
  },
  data: { title: "", benefits: [], cardColor: "#2b2b2b", loaded: false, member: null, levelText: "", qr: "", joining: false },
  observers: {
    settings(settings) {
      const { title, benefits, cardColor } = settings || {};
      this.setData({
        title: title || "",
        benefits: Array.isArray(benefits) ? benefits : [],
        // Only a colour reaches the style attribute.
        cardColor: isHexColor(cardColor) ? cardColor : "#2b2b2b",
      });
    },
  },
  lifetimes: {
    attached() {
      this.visible = true;
      this.load();
    },
    detached() {
      this.visible = false;
      this.stopRefreshing();
    },
  },
  pageLifetimes: {
    show() {
      this.visible = true;
      // Back on screen: the code shown may have ended meanwhile, and points may have changed.
      if (this.data.loaded) this.load();
    },
    hide() {
      this.visible = false;
      this.stopRefreshing();
    },
  },
  methods: {
    load() {
      myMember().then((answer) => {
        if (answer.error) return this.setData({ loaded: true });
        this.showMember(answer.member);
      });
    },
    showMember(member) {
      this.setData({ loaded: true, member: member || null, levelText: member ? levelText(member.level) : "" });
      this.stopRefreshing();
      if (member) this.refreshCode();
      else this.setData({ qr: "" });
    },
    refreshCode() {
      if (!this.visible) return;
      memberCode().then((code) => {
        if (!this.visible) return;
        if (code) this.setData({ qr: code.qr });
        this.stopRefreshing();
        this.timer = setTimeout(() => this.refreshCode(), code ? code.refreshMs : RETRY_MS);
      });
    },
    stopRefreshing() {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    },
    onJoin(event) {
      if (this.data.joining) return;
      this.setData({ joining: true });
      joinMember(event).then((answer) => {
        this.setData({ joining: false });
        if (answer.error) return wx.showToast({ title: answer.error, icon: "none" });
        if (answer.member) {
          wx.showToast({ title: "已成为会员", icon: "success" });
          this.showMember(answer.member);
        }
      });
    },
  },
});
