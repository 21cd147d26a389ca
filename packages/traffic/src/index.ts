export { RateLimiter, type RateLimit, type Verdict } from "./rate-limit";
export { TurnPacer } from "./pacing";
