// The platform's component_access_token, shared by every process through PostgreSQL. WeChat pushes a fresh
// component_verify_ticket every 10 minutes (each lasts 12 hours, and only the newest is accepted); the token is
// fetched with it and lasts 2 hours. Pushes can arrive late and out of order, so a ticket is kept only when it is
// newer than the stored one, in one conditional statement.
import type { Database } from "@kaidian/db";
import { open, seal } from "@kaidian/secrets";
import { WechatApiError } from "../server-api/errors";
import type { WechatHttp } from "../server-api/http";
import { sharedToken, type SharedTokenTiming } from "../shared-token";
import type { ComponentSettings } from "./settings";

type Row = { ticket_ciphertext: Uint8Array | null; token_ciphertext: Uint8Array | null; token_expires_at: Date | null; generation: number };

export type TokenOptions = { refreshMarginMs?: number; claimMs?: number; now?: () => number };

const API = "/cgi-bin/component/api_component_token";

export class ComponentTokens {
  private readonly timing: SharedTokenTiming;

  constructor(
    private readonly db: Database,
    private readonly masterKey: Buffer,
    readonly http: WechatHttp,
    readonly settings: ComponentSettings,
    options: TokenOptions = {},
  ) {
    this.timing = { refreshMarginMs: options.refreshMarginMs ?? 10 * 60_000, claimMs: options.claimMs ?? 20_000, now: options.now ?? Date.now, api: API };
  }

  /** Keeps a pushed ticket if it is newer than the one stored; true when it was kept. */
  async keepTicket(ticket: string, createdAt: Date): Promise<boolean> {
    const sealed = seal(Buffer.from(ticket, "utf8"), this.masterKey, this.sealedFor("ticket"));
    const kept = await this.db.scoped({}, (tx) => tx.$queryRaw<{ component_appid: string }[]>`
      INSERT INTO wechat_component_state AS s (component_appid, ticket_ciphertext, ticket_created_at)
      VALUES (${this.settings.appid}, ${sealed}, ${createdAt})
      ON CONFLICT (component_appid) DO UPDATE
        SET ticket_ciphertext = EXCLUDED.ticket_ciphertext, ticket_created_at = EXCLUDED.ticket_created_at, updated_at = now()
        WHERE s.ticket_created_at IS NULL OR s.ticket_created_at < EXCLUDED.ticket_created_at
      RETURNING component_appid`);
    return kept.length === 1;
  }

  /** The current token, fetched first when there is none or it nears expiry. */
  async get(): Promise<string> {
    const appid = this.settings.appid;
    let ticket: Uint8Array | null = null;
    const held = await sharedToken(
      {
        read: async () => {
          const rows = await this.db.scoped({}, (tx) => tx.$queryRaw<Row[]>`
            SELECT ticket_ciphertext, token_ciphertext, token_expires_at, generation FROM wechat_component_state
            WHERE component_appid = ${appid}`);
          const row = rows[0];
          if (!row) return undefined;
          ticket = row.ticket_ciphertext;
          return { generation: row.generation, token: this.opened(row.token_ciphertext, "token"), expiresAt: row.token_expires_at };
        },
        unavailable: () => (ticket ? null : new WechatApiError(null, "no component_verify_ticket has arrived yet", API, "wechat.rejected")),
        claim: async (seen, until) =>
          (await this.db.scoped({}, (tx) => tx.$executeRaw`
            UPDATE wechat_component_state SET refreshing_until = ${until}
            WHERE component_appid = ${appid} AND generation = ${seen} AND (refreshing_until IS NULL OR refreshing_until < now())`)) === 1,
        fetch: async () => {
          const answer = await this.http.post(API, {}, {
            component_appid: appid,
            component_appsecret: this.settings.secret,
            component_verify_ticket: this.opened(ticket, "ticket"),
          });
          if (typeof answer.component_access_token !== "string" || typeof answer.expires_in !== "number") {
            throw new WechatApiError(null, "api_component_token answered without a token", API, "wechat.rejected");
          }
          return { token: answer.component_access_token, expiresInSeconds: answer.expires_in };
        },
        save: async (seen, fetched, expiresAt) => {
          const sealed = seal(Buffer.from(fetched.token, "utf8"), this.masterKey, this.sealedFor("token"));
          await this.db.scoped({}, (tx) => tx.$executeRaw`
            UPDATE wechat_component_state
            SET token_ciphertext = ${sealed}, token_expires_at = ${expiresAt}, generation = generation + 1, refreshing_until = NULL, updated_at = now()
            WHERE component_appid = ${appid} AND generation = ${seen}`);
        },
        release: async (seen) => {
          await this.db.scoped({}, (tx) => tx.$executeRaw`
            UPDATE wechat_component_state SET refreshing_until = NULL WHERE component_appid = ${appid} AND generation = ${seen}`);
        },
      },
      this.timing,
    );
    return held.token;
  }

  private opened(ciphertext: Uint8Array | null, what: "ticket" | "token"): string | null {
    if (!ciphertext) return null;
    try {
      return open(ciphertext, this.masterKey, this.sealedFor(what)).toString("utf8");
    } catch {
      // Sealed under an earlier master key: only a cache, fetched anew.
      return null;
    }
  }

  private sealedFor(what: "ticket" | "token"): string {
    return `wechat-component-${what}:${this.settings.appid}`;
  }
}
