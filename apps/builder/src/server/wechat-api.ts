import "server-only";
// The process's client of WeChat's Mini Program server APIs (subscribe messages from staff's actions), reached
// through WECHAT_API_BASE like shop-api's and the workers'; the access token is shared with them through its row.
import { masterKey } from "@kaidian/secrets";
import { MiniProgramServerApi, wechatApiSettings } from "@kaidian/wechat/server-api";
import { database } from "./db";

const holder = globalThis as typeof globalThis & { kaidianWechatApi?: MiniProgramServerApi };

export function wechatApi(): { api: MiniProgramServerApi; masterKey: Buffer } {
  const key = masterKey().key;
  holder.kaidianWechatApi ??= new MiniProgramServerApi({ db: database(), masterKey: key, settings: wechatApiSettings(process.env) });
  return { api: holder.kaidianWechatApi, masterKey: key };
}
