// The store's live coupons to claim. The list comes from shop-api when the section shows; a claim is made on the
// server, which says when none are left or the shopper holds as many as allowed.
const { claimCoupon, liveCoupons } = require("../../lib/coupons");

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    settings: { type: Object, value: null },
    sectionId: { type: String, value: "" },
  },
  data: { title: "", coupons: [], claiming: "" },
  observers: {
    settings(settings) {
      this.setData({ title: (settings && settings.title) || "" });
    },
  },
  lifetimes: {
    attached() {
      liveCoupons().then((coupons) => this.setData({ coupons }));
    },
  },
  methods: {
    onClaim(event) {
      const index = Number(event.currentTarget.dataset.index);
      const coupon = this.data.coupons[index];
      if (!coupon || !coupon.canClaim || this.data.claiming) return;
      this.setData({ claiming: coupon.id });
      claimCoupon(coupon.id).then((answer) => {
        this.setData({ claiming: "" });
        if (answer.error) {
          wx.showToast({ title: answer.error, icon: "none" });
          return;
        }
        const claimedByMe = coupon.claimedByMe + 1;
        const left = Math.max(0, coupon.left - 1);
        const shown = Object.assign({}, coupon, { claimedByMe, left, canClaim: left > 0 && claimedByMe < coupon.perShopperLimit });
        this.setData({ [`coupons[${index}]`]: shown });
        wx.showToast({ title: "已领取", icon: "success" });
      });
    },
  },
});
