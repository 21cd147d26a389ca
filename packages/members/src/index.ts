// Members and points (会员与积分): the merchant's rule and levels, points arithmetic, the member card's signed code,
// and how they read. Framework-free; the database side is ./server.
export * from "./rules";
export * from "./points";
export * from "./card-code";
export * from "./views";
export * from "./checkout";
