export { readMemberRules, saveMemberRules, rulesOfRow, cardKey, checkoutMember, type RulesRow, type SavedRules } from "./settings";
export { changePoints, orderPoints, type PointsChange } from "./ledger";
export { pointsOnPayment, pointsOnRefund, pointsOnOrderEnd, type OrderForPoints } from "./order-points";
export * from "./members";
