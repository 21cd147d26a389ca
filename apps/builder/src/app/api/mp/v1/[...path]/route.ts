import { forwardToShopApi } from "@/server/shop-api-proxy";

// Shoppers' reads are served by shop-api (apps/shop-api). Packages uploaded before it existed call this address;
// their requests are passed on unchanged. In production, route /api/mp/ to shop-api at the load balancer instead.
export const GET = forwardToShopApi;
export const HEAD = forwardToShopApi;
export const OPTIONS = forwardToShopApi;
