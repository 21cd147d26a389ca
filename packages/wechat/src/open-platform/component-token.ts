// The platform's component_access_token, shared by every process through PostgreSQL. WeChat pushes a fresh
// component_verify_ticket every 10 minutes (each lasts 12 hours); the token is fetched with the newest ticket and
// lasts 2 hours. Pushes can arrive late and out of order, so a ticket is kept only when it is newer than the stored
// one, in one conditional statement. One process at a time refreshes the token: it claims the refresh on the
// generation it saw, fetches, and stores the next generation; the others wait for it.
import type { Database } from "@kaidian/db";
import { open, seal } from "@kaidian/secrets";
import { WechatApiError } from "../server-api/errors";
import type { WechatHttp } from "../server-api/http";
import type { ComponentSettings } from "./settings";

type Row = {
  ticket_ciphertext: Uint8Array | null;
  token_ciphertext: Uint8Array | null;
  token_expires_at: Date | null;
  generation: number;
};

export type ComponentTokenOptions = { refreshMarginMs?: number; claimMs?: number; now?: () => number };

export class ComponentTokens {
  private readonly refreshMarginMs: number;
  private readonly claimMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    private readonly masterKey: Buffer,
    private readonly http: WechatHttp,
    private readonly settings: ComponentSettings,
    options: ComponentTokenOptions = {},
  ) {
    this.refreshMarginMs = options.refreshMarginMs ?? 10 * 60_000;
    this.claimMs = options.claimMs ?? 20_000;
    this.now = options.now ?? Date.now;
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
    const deadline = this.now() + this.claimMs * 2;
    let pause = 25;
    for (;;) {
      const row = await this.read();
      const current = row && this.usable(row);
      if (current) return current;
      const seen = row?.generation ?? 0;
      if (row && (await this.claim(seen))) return this.refresh(row, seen);
      if (!row?.ticket_ciphertext) throw new WechatApiError(null, "no component_verify_ticket has arrived yet", "/cgi-bin/component/api_component_token", "wechat.rejected");
      if (this.now() > deadline) throw new WechatApiError(null, "timed out waiting for another process's token refresh", "/cgi-bin/component/api_component_token", "wechat.unavailable");
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 400);
    }
  }

  private usable(row: Row): string | null {
    if (!row.token_ciphertext || !row.token_expires_at) return null;
    if (row.token_expires_at.getTime() - this.now() <= this.refreshMarginMs) return null;
    try {
      return open(row.token_ciphertext, this.masterKey, this.sealedFor("token")).toString("utf8");
    } catch {
      return null;
    }
  }

  private async read(): Promise<Row | undefined> {
    const rows = await this.db.scoped({}, (tx) => tx.$queryRaw<Row[]>`
      SELECT ticket_ciphertext, token_ciphertext, token_expires_at, generation FROM wechat_component_state
      WHERE component_appid = ${this.settings.appid}`);
    return rows[0];
  }

  private async claim(seen: number): Promise<boolean> {
    const until = new Date(this.now() + this.claimMs);
    const claimed = await this.db.scoped({}, (tx) => tx.$executeRaw`
      UPDATE wechat_component_state SET refreshing_until = ${until}
      WHERE component_appid = ${this.settings.appid} AND generation = ${seen} AND ticket_ciphertext IS NOT NULL
        AND (refreshing_until IS NULL OR refreshing_until < now())`);
    return claimed === 1;
  }

  private async refresh(row: Row, seen: number): Promise<string> {
    let answer;
    try {
      const ticket = open(row.ticket_ciphertext!, this.masterKey, this.sealedFor("ticket")).toString("utf8");
      answer = await this.http.post("/cgi-bin/component/api_component_token", {}, {
        component_appid: this.settings.appid,
        component_appsecret: this.settings.secret,
        component_verify_ticket: ticket,
      });
    } catch (error) {
      await this.db.scoped({}, (tx) => tx.$executeRaw`
        UPDATE wechat_component_state SET refreshing_until = NULL
        WHERE component_appid = ${this.settings.appid} AND generation = ${seen}`);
      throw error;
    }
    if (typeof answer.component_access_token !== "string" || typeof answer.expires_in !== "number") {
      throw new WechatApiError(null, "api_component_token answered without a token", "/cgi-bin/component/api_component_token", "wechat.rejected");
    }
    const expiresAt = new Date(this.now() + answer.expires_in * 1000);
    const sealed = seal(Buffer.from(answer.component_access_token, "utf8"), this.masterKey, this.sealedFor("token"));
    await this.db.scoped({}, (tx) => tx.$executeRaw`
      UPDATE wechat_component_state
      SET token_ciphertext = ${sealed}, token_expires_at = ${expiresAt}, generation = generation + 1, refreshing_until = NULL, updated_at = now()
      WHERE component_appid = ${this.settings.appid} AND generation = ${seen}`);
    return answer.component_access_token;
  }

  private sealedFor(what: "ticket" | "token"): string {
    return `wechat-component-${what}:${this.settings.appid}`;
  }
}
