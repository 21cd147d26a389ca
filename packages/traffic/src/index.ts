export { clientAddress, parseTrustedProxies, type TrustedProxies } from "./client-address";
export { RateLimiter, type RateLimit, type Verdict } from "./rate-limit";
