// How members read to people: the member number as printed on the card, a masked phone, the ledger reasons and
// refusals in the shopper's or merchant's language (zh-CN first).
export type Locale = "zh-CN" | "en";

export type PointsReason = "earned" | "redeemed" | "reversed" | "returned" | "adjusted";

/** The number on the card: at least eight digits, zero-padded, so every card of a store reads alike. */
export function formatMemberNumber(number: number): string {
  return String(number).padStart(8, "0");
}

/** A phone number as staff and lists show it: 138****0000. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return "****";
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

const REASONS: Record<Locale, Record<PointsReason, string>> = {
  "zh-CN": { earned: "消费获得", redeemed: "下单抵扣", reversed: "退款扣回", returned: "订单取消退回", adjusted: "人工调整" },
  en: { earned: "Earned on payment", redeemed: "Redeemed at checkout", reversed: "Reversed on refund", returned: "Returned (order ended)", adjusted: "Staff adjustment" },
};

export function pointsReasonText(reason: PointsReason, locale: Locale): string {
  return REASONS[locale][reason];
}

/** What the dashboard or the phone can be refused with. */
export type MemberRefusal = "notMember" | "noPhone" | "alreadyMember" | "notFound" | "codeMalformed" | "codeForged" | "codeExpired" | "pointsShort";

const REFUSALS: Record<Locale, Record<MemberRefusal, string>> = {
  "zh-CN": {
    notMember: "还不是本店会员",
    noPhone: "需要先授权手机号",
    alreadyMember: "已经是本店会员",
    notFound: "找不到这位会员",
    codeMalformed: "这不是本店的会员码",
    codeForged: "会员码无效",
    codeExpired: "会员码已过期，请让顾客刷新会员卡",
    pointsShort: "积分不足",
  },
  en: {
    notMember: "Not a member of this store yet",
    noPhone: "Share a phone number first",
    alreadyMember: "Already a member of this store",
    notFound: "No such member",
    codeMalformed: "This is not a member code of this store",
    codeForged: "Invalid member code",
    codeExpired: "The member code has expired: ask the shopper to refresh their card",
    pointsShort: "Not enough points",
  },
};

export function memberRefusalMessage(refusal: MemberRefusal, locale: Locale): string {
  return REFUSALS[locale][refusal];
}
