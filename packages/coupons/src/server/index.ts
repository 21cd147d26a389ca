// Coupons on the server: the merchant's coupons, shoppers' claims (one conditional statement each), what a shopper
// holds, and the coupon an unpaid order gives back when it ends.
export { createCoupon, listCoupons, stopCoupon, type CouponSaveRefusal, type CouponSummary } from "./coupons";
export { checkoutCoupons, claimableCoupons, claimCoupon, giveBackCoupon, heldCoupons, heldOfRow, type Claim, type ClaimableCoupon, type HeldCouponView, type HeldRow } from "./claims";
export { termsOfRow, type CouponTermsRow } from "./coupon-rows";
