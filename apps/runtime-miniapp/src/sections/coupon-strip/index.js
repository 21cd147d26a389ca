// Coupons to claim. With no coupon service yet a claim is remembered on the phone and shown to the store,
// and the strip says so rather than promising an automatic discount.
const { claimCoupon, claimedKeys, couponKey } = require("../../lib/coupons");

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    settings: { type: Object, value: null },
    sectionId: { type: String, value: "" },
  },
  data: { title: "", coupons: [] },
  observers: {
    "settings, sectionId"(settings) {
      this.show(settings || {});
    },
  },
  methods: {
    show(settings) {
      const claimed = claimedKeys();
      const coupons = (Array.isArray(settings.coupons) ? settings.coupons : []).map((coupon) => {
        const key = couponKey(this.data.sectionId, coupon);
        return Object.assign({ key, claimed: claimed.includes(key) }, coupon);
      });
      this.setData({ title: settings.title || "", coupons });
    },
    onClaim(event) {
      const coupon = this.data.coupons[event.currentTarget.dataset.index];
      if (!coupon || coupon.claimed) return;
      claimCoupon(coupon.key);
      wx.showToast({ title: "已领取", icon: "success" });
      this.show(this.data.settings || {});
    },
  },
});
