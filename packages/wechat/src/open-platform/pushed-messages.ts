// What WeChat pushes to the platform, opened: the ticket every 10 minutes and the authorisation events (授权事件接收
// URL), and each authorised Mini Program's audit results (消息与事件接收URL). Both arrive encrypted and signed the
// same way (WXBizMsgCrypt): msg_signature is SHA-1 over the sorted token, timestamp, nonce and ciphertext; the
// plaintext is AES-256-CBC under the EncodingAESKey and ends with the platform's appid. The crypto is Tencent's own
// @wecom/crypto; this file checks what it leaves to the caller: the signature (in constant time), the appid at the
// end, and the shape of the XML. Nothing unverified is acted on.
import { timingSafeEqual } from "node:crypto";
import { decrypt, getSignature } from "@wecom/crypto";
import { XMLParser } from "fast-xml-parser";
import { z } from "zod";
import type { ComponentSettings } from "./settings";

export type PushedMessage =
  | { kind: "ticket"; ticket: string; createdAt: Date }
  /** An approval (`authorized`, naming the pre_auth_code it answers) or a change of permissions (`updateauthorized`). */
  | { kind: "authorized"; authorizerAppid: string; authorizationCode: string; codeExpiresAt: Date; preAuthCode: string | null; createdAt: Date }
  | { kind: "unauthorized"; authorizerAppid: string; createdAt: Date }
  | { kind: "auditSucceeded"; createdAt: Date }
  | { kind: "auditFailed"; reason: string; screenshots: string[]; createdAt: Date }
  | { kind: "auditDelayed"; reason: string; createdAt: Date }
  /** Something the platform does not act on (a message from a shopper, an event of another kind). */
  | { kind: "other"; type: string; createdAt: Date };

export type PushQuery = { timestamp?: string; nonce?: string; msg_signature?: string };

export class RefusedPush extends Error {
  constructor(readonly reason: "signature" | "appid" | "format") {
    super(`pushed message refused: ${reason}`);
  }
}

const parser = new XMLParser({ parseTagValue: false, processEntities: false, ignoreDeclaration: true, trimValues: true });

function readXml(text: string): Record<string, unknown> {
  // WeChat never sends a DOCTYPE; refusing one keeps entity tricks out.
  if (/<!DOCTYPE/i.test(text)) throw new RefusedPush("format");
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch {
    throw new RefusedPush("format");
  }
  const root = (parsed as { xml?: unknown })?.xml;
  if (!root || typeof root !== "object") throw new RefusedPush("format");
  return root as Record<string, unknown>;
}

const seconds = z.string().regex(/^\d{1,12}$/).transform((value) => new Date(Number(value) * 1000));
const appid = z.string().regex(/^wx[0-9a-f]{16}$/);
const text = z.string().max(2000).default("");

const infoSchema = z.discriminatedUnion("InfoType", [
  z.object({ InfoType: z.literal("component_verify_ticket"), ComponentVerifyTicket: z.string().min(1).max(512), CreateTime: seconds }),
  z.object({
    InfoType: z.enum(["authorized", "updateauthorized"]),
    AuthorizerAppid: appid,
    AuthorizationCode: z.string().min(1).max(512),
    AuthorizationCodeExpiredTime: seconds,
    PreAuthCode: z.string().min(1).max(512).optional(),
    CreateTime: seconds,
  }),
  z.object({ InfoType: z.literal("unauthorized"), AuthorizerAppid: appid, CreateTime: seconds }),
]);

const eventSchema = z.object({
  MsgType: z.string(),
  Event: z.string().default(""),
  CreateTime: seconds,
  Reason: text,
  ScreenShot: text,
});

function toMessage(fields: Record<string, unknown>): PushedMessage {
  if (typeof fields.InfoType === "string") {
    const known = infoSchema.safeParse(fields);
    if (!known.success) {
      if (["component_verify_ticket", "authorized", "updateauthorized", "unauthorized"].includes(fields.InfoType)) throw new RefusedPush("format");
      const createdAt = seconds.safeParse(fields.CreateTime);
      return { kind: "other", type: fields.InfoType, createdAt: createdAt.success ? createdAt.data : new Date() };
    }
    const info = known.data;
    switch (info.InfoType) {
      case "component_verify_ticket":
        return { kind: "ticket", ticket: info.ComponentVerifyTicket, createdAt: info.CreateTime };
      case "authorized":
      case "updateauthorized":
        return {
          kind: "authorized",
          authorizerAppid: info.AuthorizerAppid,
          authorizationCode: info.AuthorizationCode,
          codeExpiresAt: info.AuthorizationCodeExpiredTime,
          preAuthCode: info.PreAuthCode ?? null,
          createdAt: info.CreateTime,
        };
      case "unauthorized":
        return { kind: "unauthorized", authorizerAppid: info.AuthorizerAppid, createdAt: info.CreateTime };
    }
  }
  const event = eventSchema.safeParse(fields);
  if (!event.success) throw new RefusedPush("format");
  const { Event, CreateTime: createdAt, Reason: reason, ScreenShot } = event.data;
  if (event.data.MsgType !== "event") return { kind: "other", type: event.data.MsgType, createdAt };
  switch (Event) {
    case "weapp_audit_success":
      return { kind: "auditSucceeded", createdAt };
    case "weapp_audit_fail":
      return { kind: "auditFailed", reason, screenshots: ScreenShot.split("|").filter(Boolean), createdAt };
    case "weapp_audit_delay":
      return { kind: "auditDelayed", reason, createdAt };
    default:
      return { kind: "other", type: Event, createdAt };
  }
}

/** Verifies and decrypts one pushed message; a RefusedPush for anything not from WeChat to this platform. */
export function openPushedMessage(settings: Pick<ComponentSettings, "appid" | "token" | "aesKey">, query: PushQuery, body: string): PushedMessage {
  const envelope = readXml(body);
  const ciphertext = envelope.Encrypt;
  const { timestamp, nonce, msg_signature: signature } = query;
  if (typeof ciphertext !== "string" || !timestamp || !nonce || !signature) throw new RefusedPush("format");
  const expected = Buffer.from(getSignature(settings.token, timestamp, nonce, ciphertext), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new RefusedPush("signature");
  let opened: { message: string; id: string };
  try {
    opened = decrypt(settings.aesKey, ciphertext);
  } catch {
    throw new RefusedPush("format");
  }
  if (opened.id !== settings.appid) throw new RefusedPush("appid");
  return toMessage(readXml(opened.message));
}
