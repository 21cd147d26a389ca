// A token many processes share through one PostgreSQL row, fetched by one of them at a time: each reads the row,
// uses the token while it is far enough from expiry, and otherwise claims the refresh with one conditional UPDATE on
// the generation it saw (another live claim refuses it). The claimant fetches and stores the next generation; the
// others wait for it, or for the claim to lapse. Used for the platform's component token and each authorised Mini
// Program's authorizer token and access token; where the row lives and how a token is fetched are the caller's.
import { WechatApiError } from "./server-api/errors";

export type SharedTokenRow = { generation: number; token: string | null; expiresAt: Date | null };
export type FetchedToken = { token: string; expiresInSeconds: number };

export type SharedTokenStore<Fetched extends FetchedToken> = {
  /**
   * The row, with its token opened: null when missing, sealed under another key, or the one the caller was just
   * refused (so it is fetched anew); undefined when there is no row.
   */
  read(): Promise<SharedTokenRow | undefined>;
  /** One conditional statement: true for the one caller whose claim on generation `seen` took. */
  claim(seen: number, until: Date): Promise<boolean>;
  fetch(): Promise<Fetched>;
  /** Stores the fetched token as generation `seen + 1`, ending the claim. */
  save(seen: number, fetched: Fetched, expiresAt: Date): Promise<void>;
  /** Ends a claim whose fetch failed, so the next caller may try. */
  release(seen: number): Promise<void>;
  /** Why there is no token to wait for (nothing to fetch it with): thrown instead of waiting. */
  unavailable?(row: SharedTokenRow | undefined): WechatApiError | null;
};

export type SharedTokenTiming = { refreshMarginMs: number; claimMs: number; now: () => number; api: string };

/** A token as taken from the row or just fetched: its generation tells a refused token from its successor. */
export type HeldToken = { token: string; generation: number; expiresAt: Date };

export async function sharedToken<Fetched extends FetchedToken>(store: SharedTokenStore<Fetched>, timing: SharedTokenTiming): Promise<HeldToken> {
  const deadline = timing.now() + timing.claimMs * 2;
  let pause = 25;
  for (;;) {
    const row = await store.read();
    if (row?.token && row.expiresAt && row.expiresAt.getTime() - timing.now() > timing.refreshMarginMs) {
      return { token: row.token, generation: row.generation, expiresAt: row.expiresAt };
    }
    const missing = store.unavailable?.(row);
    if (missing) throw missing;
    const seen = row?.generation ?? 0;
    if (await store.claim(seen, new Date(timing.now() + timing.claimMs))) {
      let fetched: Fetched;
      try {
        fetched = await store.fetch();
      } catch (error) {
        await store.release(seen);
        throw error;
      }
      const expiresAt = new Date(timing.now() + fetched.expiresInSeconds * 1000);
      await store.save(seen, fetched, expiresAt);
      return { token: fetched.token, generation: seen + 1, expiresAt };
    }
    if (timing.now() > deadline) throw new WechatApiError(null, "timed out waiting for another process's token refresh", timing.api, "wechat.unavailable");
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 400);
  }
}
