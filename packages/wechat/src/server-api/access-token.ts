// The Mini Program's access token: ONE stable token per appid, shared by every process through PostgreSQL.
//
// WeChat's stable_token hands back the same token until it nears expiry (a new one in its last 5 minutes) or a
// force_refresh voids it, and counts every call against a daily quota. So each process reads the shared row first,
// and only one process refreshes (shared-token.ts: a claim on the generation it saw, then the next generation).
// The token is sealed at rest like every secret, bound to the store and appid.
import type { Database, Transaction } from "@kaidian/db";
import { open, seal } from "@kaidian/secrets";
import { WechatApiError } from "./errors";
import type { WechatHttp } from "./http";
import { type HeldToken, sharedToken } from "../shared-token";
import type { MiniProgramApp } from "./login";

export type AccessToken = HeldToken;

type Row = { generation: number; token_ciphertext: Uint8Array | null; expires_at: Date | null };

export type AccessTokenOptions = {
  /** Refresh this long before expiry: WeChat itself issues the next token in the last 5 minutes. */
  refreshMarginMs?: number;
  /** How long a claimed refresh may take before another process may claim it. */
  claimMs?: number;
  now?: () => number;
};

const STALE_TOKEN = new Set(["token.invalid", "token.expired"]);

export class AccessTokens {
  private readonly refreshMarginMs: number;
  private readonly claimMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    private readonly masterKey: Buffer,
    private readonly http: WechatHttp,
    options: AccessTokenOptions = {},
  ) {
    this.refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.claimMs = options.claimMs ?? 20_000;
    this.now = options.now ?? Date.now;
  }

  /** The current token, refreshed first when it is missing or near expiry. */
  get(app: MiniProgramApp): Promise<AccessToken> {
    return this.obtain(app);
  }

  /**
   * Runs `call` with the token; when WeChat says the token is stale (40001 revoked, 42001 expired), refreshes it
   * once (or takes the one another process just refreshed) and tries again.
   */
  async withToken<T>(app: MiniProgramApp, call: (token: string) => Promise<T>): Promise<T> {
    const first = await this.obtain(app);
    try {
      return await call(first.token);
    } catch (error) {
      if (!(error instanceof WechatApiError) || !STALE_TOKEN.has(error.kind)) throw error;
      const second = await this.obtain(app, first);
      return call(second.token);
    }
  }

  private obtain(app: MiniProgramApp, rejected?: AccessToken): Promise<AccessToken> {
    const scoped = <T>(work: (tx: Transaction) => Promise<T>) => this.db.scoped({ tenantId: app.tenantId }, work);
    return sharedToken(
      {
        read: async () => {
          const rows = await scoped((tx) => tx.$queryRaw<Row[]>`
            SELECT generation, token_ciphertext, expires_at FROM wechat_access_tokens
            WHERE tenant_id = ${app.tenantId}::uuid AND appid = ${app.appid}`);
          const row = rows[0];
          if (!row) return undefined;
          const refused = row.generation === rejected?.generation;
          return { generation: row.generation, token: refused ? null : this.opened(app, row.token_ciphertext), expiresAt: row.expires_at };
        },
        // An upsert, so the first process to need a token also creates the row.
        claim: async (seen, until) => {
          const claimed = await scoped((tx) => tx.$queryRaw<{ generation: number }[]>`
            INSERT INTO wechat_access_tokens AS t (tenant_id, appid, generation, refreshing_until)
            VALUES (${app.tenantId}::uuid, ${app.appid}, 0, ${until})
            ON CONFLICT (tenant_id, appid) DO UPDATE SET refreshing_until = EXCLUDED.refreshing_until
            WHERE t.generation = ${seen} AND (t.refreshing_until IS NULL OR t.refreshing_until < now())
            RETURNING generation`);
          return claimed.length === 1 && claimed[0]!.generation === seen;
        },
        fetch: async () => {
          const fetched = await this.fetchStable(app, false);
          // WeChat still hands out the token it just refused: void it, once.
          return rejected && fetched.token === rejected.token ? this.fetchStable(app, true) : fetched;
        },
        save: async (seen, fetched, expiresAt) => {
          const sealed = seal(Buffer.from(fetched.token, "utf8"), this.masterKey, sealedFor(app));
          await scoped((tx) => tx.$executeRaw`
            UPDATE wechat_access_tokens
            SET token_ciphertext = ${sealed}, expires_at = ${expiresAt}, generation = generation + 1,
                refreshing_until = NULL, updated_at = now()
            WHERE tenant_id = ${app.tenantId}::uuid AND appid = ${app.appid} AND generation = ${seen}`);
        },
        release: async (seen) => {
          await scoped((tx) => tx.$executeRaw`
            UPDATE wechat_access_tokens SET refreshing_until = NULL
            WHERE tenant_id = ${app.tenantId}::uuid AND appid = ${app.appid} AND generation = ${seen}`);
        },
      },
      { refreshMarginMs: this.refreshMarginMs, claimMs: this.claimMs, now: this.now, api: "/cgi-bin/stable_token" },
    );
  }

  private opened(app: MiniProgramApp, ciphertext: Uint8Array | null): string | null {
    if (!ciphertext) return null;
    try {
      return open(ciphertext, this.masterKey, sealedFor(app)).toString("utf8");
    } catch {
      // Sealed under an earlier master key: the row is only a cache, so fetch a token anew.
      return null;
    }
  }

  private async fetchStable(app: MiniProgramApp, forceRefresh: boolean): Promise<{ token: string; expiresInSeconds: number }> {
    const answer = await this.http.post("/cgi-bin/stable_token", {}, {
      grant_type: "client_credential",
      appid: app.appid,
      secret: app.appSecret,
      force_refresh: forceRefresh,
    });
    if (typeof answer.access_token !== "string" || typeof answer.expires_in !== "number") {
      throw new WechatApiError(null, "stable_token answered without a token", "/cgi-bin/stable_token", "wechat.rejected");
    }
    return { token: answer.access_token, expiresInSeconds: answer.expires_in };
  }
}

function sealedFor(app: MiniProgramApp): string {
  return `wechat-access-token:${app.tenantId}:${app.appid}`;
}
