// WeChat's package size limits for a Mini Program developed by a third-party service provider: 2 MB for the main
// package and for each subpackage, 20 MB in all (30 MB applies only to Mini Programs developed by their owner).
export type SizeBudget = { mainBytes: number; subpackageBytes: number; totalBytes: number };

const MB = 1024 * 1024;

export const WECHAT_PACKAGE_LIMITS: SizeBudget = { mainBytes: 2 * MB, subpackageBytes: 2 * MB, totalBytes: 20 * MB };
