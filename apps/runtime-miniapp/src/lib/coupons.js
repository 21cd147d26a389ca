// Coupons the shopper claimed, remembered on the phone. There is no coupon service yet, so a claim is a
// note the shopper shows the store; the coupon strip says so.
const STORAGE_KEY = "kd-coupons";

function claimedKeys() {
  const saved = wx.getStorageSync(STORAGE_KEY);
  return Array.isArray(saved) ? saved : [];
}

/** A coupon is known by its section and content, so an edited coupon is a new one. */
function couponKey(sectionId, coupon) {
  return `${sectionId}|${coupon.name}|${coupon.amountFen}|${coupon.minSpendFen}`;
}

function claimCoupon(key) {
  const keys = claimedKeys();
  if (keys.includes(key)) return;
  try {
    wx.setStorageSync(STORAGE_KEY, keys.concat(key));
  } catch (error) {
    // Storage full: the claim shows for this session only.
  }
}

module.exports = { claimedKeys, claimCoupon, couponKey };
