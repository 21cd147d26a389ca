// Token buckets per key (a store, a client address): each key may make `burst` requests at once and `perSecond`
// more every second. Kept in the process's memory, so with N processes behind a load balancer a key gets up to N
// times the rate; the limits are set with that in mind. The least recently seen keys are forgotten past `maxKeys`.

export type RateLimit = { perSecond: number; burst: number };

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

const ALLOWED: Verdict = Object.freeze({ ok: true });

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys = 100_000,
  ) {
    if (!(limit.perSecond > 0 && limit.burst >= 1)) throw new Error("A rate limit needs perSecond > 0 and burst >= 1");
  }

  /** Takes one request's token for `key`, or says how many seconds until one is there. */
  take(key: string, now = Date.now()): Verdict {
    const { perSecond, burst } = this.limit;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    // Moved to the end of the map's order (most recently seen); a key's bucket is reused, as this runs per request.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    bucket.at = now;
    if (tokens < 1) {
      bucket.tokens = tokens;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
    }
    bucket.tokens = tokens - 1;
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return ALLOWED;
  }
}
