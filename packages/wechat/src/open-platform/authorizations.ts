// A merchant authorises the store's Mini Program to the platform once, instead of making an upload key and a
// whitelist: the dashboard asks WeChat for a pre_auth_code and shows its page (a link on a computer, a QR code for
// WeChat on the phone); the merchant approves; WeChat sends the browser back with an auth_code, which api_query_auth
// turns into the authorizer's tokens. They are sealed and bound to the store. The access token lasts 2 hours and is
// refreshed with the refresh token (which WeChat may replace) by one process at a time.
import { createHash } from "node:crypto";
import type { Database, Transaction } from "@kaidian/db";
import { open, seal } from "@kaidian/secrets";
import { z } from "zod";
import { WechatApiError } from "../server-api/errors";
import { sharedToken, type SharedTokenTiming } from "../shared-token";
import type { ComponentTokens, TokenOptions } from "./component-token";

export type AuthorizationLinks = { computer: string; phone: string; expiresAt: Date };

export type Authorization = { authorizerAppid: string; permissions: number[]; authorizedAt: Date; revokedAt: Date | null };

/** Codes are kept by hash: a stored code is of no use to anyone who reads the table. */
const codeHash = (code: string) => createHash("sha256").update(code, "utf8").digest("hex");

/** How long a completion that lost the race for a one-use auth_code waits for the winner's record. */
const SETTLE_MS = 5000;

export class AuthorizationRefused extends Error {
  constructor(readonly reason: "otherStore" | "otherAppid", readonly authorizerAppid: string) {
    super(`authorisation of ${authorizerAppid} refused: ${reason}`);
  }
}

const queryAuthSchema = z.object({
  authorization_info: z.object({
    authorizer_appid: z.string().regex(/^wx[0-9a-f]{16}$/),
    authorizer_access_token: z.string().min(1),
    expires_in: z.number().int().positive(),
    authorizer_refresh_token: z.string().min(1),
    func_info: z.array(z.object({ funcscope_category: z.object({ id: z.number().int() }) })).default([]),
  }),
});

const refreshSchema = z.object({
  authorizer_access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  authorizer_refresh_token: z.string().min(1).optional(),
});

type Row = { generation: number; authorizer_appid: string; refresh_token_ciphertext: Uint8Array; access_token_ciphertext: Uint8Array | null; access_token_expires_at: Date | null; revoked_at: Date | null };

export class Authorizations {
  private readonly timing: SharedTokenTiming;

  constructor(
    private readonly db: Database,
    private readonly masterKey: Buffer,
    private readonly component: ComponentTokens,
    options: TokenOptions = {},
  ) {
    this.timing = { refreshMarginMs: options.refreshMarginMs ?? 10 * 60_000, claimMs: options.claimMs ?? 20_000, now: options.now ?? Date.now, api: "/cgi-bin/component/api_authorizer_token" };
  }

  /**
   * Where the merchant approves for the store: WeChat sends the browser back to `redirectUri` with an auth_code, and
   * pushes the same code naming the pre_auth_code, which is recorded here for the store and the merchant who asked.
   */
  async links(redirectUri: string, request: { tenantId: string; userId: string }): Promise<AuthorizationLinks> {
    const { settings, http } = this.component;
    const answer = await this.withComponentToken((token) => http.post("/cgi-bin/component/api_create_preauthcode", { component_access_token: token }, { component_appid: settings.appid }));
    if (typeof answer.pre_auth_code !== "string" || typeof answer.expires_in !== "number") {
      throw new WechatApiError(null, "api_create_preauthcode answered without a code", "/cgi-bin/component/api_create_preauthcode", "wechat.rejected");
    }
    await this.db.scoped({ tenantId: request.tenantId, userId: request.userId }, (tx) => tx.$executeRaw`
      INSERT INTO wechat_authorization_requests (pre_auth_code_hash, tenant_id, requested_by_id)
      VALUES (${codeHash(answer.pre_auth_code as string)}, ${request.tenantId}::uuid, ${request.userId}::uuid)
      ON CONFLICT DO NOTHING`);
    // auth_type 2: only Mini Programs may be chosen.
    const params = { component_appid: settings.appid, pre_auth_code: answer.pre_auth_code, redirect_uri: redirectUri, auth_type: "2" };
    const computer = new URL(settings.loginPage);
    const phone = new URL(settings.bindPage);
    for (const [name, value] of Object.entries({ action: "bindcomponent", no_scan: "1", ...params })) phone.searchParams.set(name, value);
    for (const [name, value] of Object.entries(params)) computer.searchParams.set(name, value);
    phone.hash = "wechat_redirect";
    return { computer: computer.toString(), phone: phone.toString(), expiresAt: new Date(this.timing.now() + answer.expires_in * 1000) };
  }

  /**
   * Completes the merchant's approval for the store: the auth_code WeChat sent back, exchanged for the authorizer's
   * tokens. A Mini Program already authorised to another store, or not the one the store is set up with, is refused.
   */
  async complete(tenantId: string, authCode: string, by: { userId: string | null }): Promise<Authorization> {
    const { settings, http } = this.component;
    // The push and the return page carry the same one-use code: whichever comes second finds the first's record.
    const done = await this.completedWith(tenantId, authCode);
    if (done) return done;
    let answer: Record<string, unknown>;
    try {
      answer = await this.withComponentToken((token) =>
        http.post("/cgi-bin/component/api_query_auth", { component_access_token: token }, { component_appid: settings.appid, authorization_code: authCode }),
      );
    } catch (error) {
      if (error instanceof WechatApiError && error.errcode === 61009) {
        const settled = await this.settled(tenantId, authCode);
        if (settled) return settled;
      }
      throw error;
    }
    const parsed = queryAuthSchema.safeParse(answer);
    if (!parsed.success) throw new WechatApiError(null, "api_query_auth answered without the authorizer's tokens", "/cgi-bin/component/api_query_auth", "wechat.rejected");
    const info = parsed.data.authorization_info;
    const permissions = info.func_info.map((entry) => entry.funcscope_category.id);
    const refresh = this.seal(tenantId, "refresh", info.authorizer_refresh_token);
    const access = this.seal(tenantId, "access", info.authorizer_access_token);
    const expiresAt = new Date(this.timing.now() + info.expires_in * 1000);
    try {
      return await this.db.scoped({ tenantId, userId: by.userId ?? undefined }, async (tx) => {
        if (!(await takeStoreAppid(tx, tenantId, info.authorizer_appid))) throw new AuthorizationRefused("otherAppid", info.authorizer_appid);
        const rows = await tx.$queryRaw<{ authorized_at: Date }[]>`
          INSERT INTO wechat_authorizations AS a (tenant_id, authorizer_appid, refresh_token_ciphertext, access_token_ciphertext, access_token_expires_at, permissions, authorized_by_id, authorization_code_hash)
          VALUES (${tenantId}::uuid, ${info.authorizer_appid}, ${refresh}, ${access}, ${expiresAt}, ${permissions}, ${by.userId}::uuid, ${codeHash(authCode)})
          ON CONFLICT (tenant_id) DO UPDATE SET
            authorizer_appid = EXCLUDED.authorizer_appid, refresh_token_ciphertext = EXCLUDED.refresh_token_ciphertext,
            access_token_ciphertext = EXCLUDED.access_token_ciphertext, access_token_expires_at = EXCLUDED.access_token_expires_at,
            permissions = EXCLUDED.permissions, authorized_by_id = EXCLUDED.authorized_by_id, authorized_at = now(),
            revoked_at = NULL, generation = a.generation + 1, refreshing_until = NULL, authorization_code_hash = EXCLUDED.authorization_code_hash
          RETURNING authorized_at`;
        return { authorizerAppid: info.authorizer_appid, permissions, authorizedAt: rows[0]!.authorized_at, revokedAt: null };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AuthorizationRefused("otherStore", info.authorizer_appid);
      throw error;
    }
  }

  /**
   * WeChat's `authorized` / `updateauthorized` push, acted on by itself: the store is the one that asked for the
   * pushed pre_auth_code, else the one the Mini Program is already authorised to; its authorisation is recorded (or
   * renewed) with the pushed code. Null when no store is found. Repeated or raced with the return page, it records once.
   */
  async authorizedByPush(push: { authorizerAppid: string; authorizationCode: string; preAuthCode: string | null }): Promise<{ tenantId: string; authorization: Authorization } | null> {
    const rows = await this.db.scoped({}, (tx) =>
      tx.$queryRaw<{ tenant_id: string; user_id: string | null }[]>`
        SELECT tenant_id, user_id FROM wechat_authorization_target(${push.authorizerAppid}, ${push.preAuthCode === null ? null : codeHash(push.preAuthCode)})`,
    );
    const target = rows[0];
    if (!target) return null;
    const authorization = await this.complete(target.tenant_id, push.authorizationCode, { userId: target.user_id });
    return { tenantId: target.tenant_id, authorization };
  }

  /** The store's authorisation if it was completed with this code. */
  private async completedWith(tenantId: string, authCode: string): Promise<Authorization | null> {
    const row = await this.db.scoped({ tenantId }, (tx) => tx.wechatAuthorization.findFirst({ where: { tenantId, authorizationCodeHash: codeHash(authCode), revokedAt: null } }));
    return row && { authorizerAppid: row.authorizerAppid, permissions: row.permissions, authorizedAt: row.authorizedAt, revokedAt: row.revokedAt };
  }

  /** Waits for the completion that used the code first (the push and the return page race) to be recorded. */
  private async settled(tenantId: string, authCode: string): Promise<Authorization | null> {
    const until = Date.now() + SETTLE_MS;
    for (;;) {
      const done = await this.completedWith(tenantId, authCode);
      if (done || Date.now() >= until) return done;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The store's authorisation as the settings page shows it; null when never authorised. */
  async status(tenantId: string): Promise<Authorization | null> {
    const row = await this.db.scoped({ tenantId }, (tx) => tx.wechatAuthorization.findUnique({ where: { tenantId } }));
    return row && { authorizerAppid: row.authorizerAppid, permissions: row.permissions, authorizedAt: row.authorizedAt, revokedAt: row.revokedAt };
  }

  /** WeChat's `unauthorized` push: the merchant withdrew in WeChat. The store it was authorised to, if any. */
  async revoked(authorizerAppid: string, at: Date): Promise<string | null> {
    const rows = await this.db.scoped({}, (tx) => tx.$queryRaw<{ store: string | null }[]>`SELECT wechat_authorization_revoke(${authorizerAppid}, ${at}) AS store`);
    return rows[0]?.store ?? null;
  }

  /** The authorizer access token to act for the store's Mini Program (commit, audit, release). */
  async accessToken(tenantId: string): Promise<string> {
    let current: Row | undefined;
    const scoped = <T>(work: (tx: Transaction) => Promise<T>) => this.db.scoped({ tenantId }, work);
    const held = await sharedToken(
      {
        read: async () => {
          current = (await scoped((tx) => tx.$queryRaw<Row[]>`
            SELECT generation, authorizer_appid, refresh_token_ciphertext, access_token_ciphertext, access_token_expires_at, revoked_at
            FROM wechat_authorizations WHERE tenant_id = ${tenantId}::uuid`))[0];
          if (!current) return undefined;
          return { generation: current.generation, token: this.opened(tenantId, "access", current.access_token_ciphertext), expiresAt: current.access_token_expires_at };
        },
        unavailable: () =>
          !current || current.revoked_at ? new WechatApiError(61003, "the store's Mini Program is not authorised to the platform", this.timing.api, "component.notAuthorized") : null,
        claim: async (seen, until) =>
          (await scoped((tx) => tx.$executeRaw`
            UPDATE wechat_authorizations SET refreshing_until = ${until}
            WHERE tenant_id = ${tenantId}::uuid AND generation = ${seen} AND (refreshing_until IS NULL OR refreshing_until < now())`)) === 1,
        fetch: async () => {
          const row = current!;
          const { settings, http } = this.component;
          const answer = await this.withComponentToken((token) =>
            http.post(this.timing.api, { component_access_token: token }, {
              component_appid: settings.appid,
              authorizer_appid: row.authorizer_appid,
              authorizer_refresh_token: this.opened(tenantId, "refresh", row.refresh_token_ciphertext),
            }),
          );
          const parsed = refreshSchema.safeParse(answer);
          if (!parsed.success) throw new WechatApiError(null, "api_authorizer_token answered without a token", this.timing.api, "wechat.rejected");
          return { token: parsed.data.authorizer_access_token, expiresInSeconds: parsed.data.expires_in, refreshToken: parsed.data.authorizer_refresh_token ?? null };
        },
        save: async (seen, fetched, expiresAt) => {
          const access = this.seal(tenantId, "access", fetched.token);
          const refresh = fetched.refreshToken ? this.seal(tenantId, "refresh", fetched.refreshToken) : current!.refresh_token_ciphertext;
          await scoped((tx) => tx.$executeRaw`
            UPDATE wechat_authorizations
            SET access_token_ciphertext = ${access}, access_token_expires_at = ${expiresAt}, refresh_token_ciphertext = ${refresh},
                generation = generation + 1, refreshing_until = NULL
            WHERE tenant_id = ${tenantId}::uuid AND generation = ${seen}`);
        },
        release: async (seen) => {
          await scoped((tx) => tx.$executeRaw`
            UPDATE wechat_authorizations SET refreshing_until = NULL WHERE tenant_id = ${tenantId}::uuid AND generation = ${seen}`);
        },
      },
      this.timing,
    );
    return held.token;
  }

  /** The component token is renewed ten minutes before it expires, so calls take it as it is. */
  private async withComponentToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    return call(await this.component.get());
  }

  private seal(tenantId: string, what: "access" | "refresh", token: string): Uint8Array {
    return seal(Buffer.from(token, "utf8"), this.masterKey, `wechat-authorizer-${what}:${tenantId}`);
  }

  private opened(tenantId: string, what: "access" | "refresh", ciphertext: Uint8Array | null): string | null {
    if (!ciphertext) return null;
    try {
      return open(ciphertext, this.masterKey, `wechat-authorizer-${what}:${tenantId}`).toString("utf8");
    } catch {
      return null;
    }
  }
}

/**
 * The store's AppID is the authorised Mini Program's: a store without one takes it (a change the WeChat settings
 * form sees as a new revision); false when the store is set up with another Mini Program.
 */
async function takeStoreAppid(tx: Transaction, tenantId: string, appid: string): Promise<boolean> {
  const taken = await tx.$queryRaw<{ appid: string }[]>`
    INSERT INTO wechat_credentials AS c (tenant_id, appid, revision, updated_at) VALUES (${tenantId}::uuid, ${appid}, 1, now())
    ON CONFLICT (tenant_id) DO UPDATE SET appid = EXCLUDED.appid, revision = c.revision + 1, updated_at = now()
      WHERE c.appid = '' OR c.appid = EXCLUDED.appid
    RETURNING appid`;
  return taken.length === 1;
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? "");
  return text.includes("23505") || text.includes("unique constraint");
}
