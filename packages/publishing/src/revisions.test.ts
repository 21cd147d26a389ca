// No lost edits in the WeChat settings and the compliance profile: two people save from the same revision at the
// same moment (the very first save as well as a later one). Exactly one save lands; the other is refused with a
// StaleRevisionError naming the one who saved, and nothing of it is written.
import { randomUUID } from "node:crypto";
import { type Database, StaleRevisionError, type Transaction } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { arrangeStore } from "@kaidian/storefront/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ComplianceProfile, readCompliance, saveComplianceProfile } from "./compliance";
import { testAppid } from "./testing";
import { readWechatSettings, saveWechatSettings } from "./wechat-settings";

type Who = "zhang" | "li";
const names: Record<Who, string> = { zhang: "张三", li: "李四" };
const people: Record<Who, string> = { zhang: "", li: "" };
let db: Database;

beforeAll(async () => {
  db = testDatabase();
  for (const who of ["zhang", "li"] as const) {
    const email = `${who}-${randomUUID().slice(0, 8)}@example.test`;
    people[who] = (await db.scoped({}, (tx) => tx.user.create({ data: { email, name: names[who], passwordHash: "not-used" }, select: { id: true } }))).id;
  }
});
afterAll(() => db.disconnect());

/** Both saves at once, each in its own transaction: exactly one lands, the other is refused naming the winner. */
async function race(tenantId: string, save: (who: Who) => (tx: Transaction) => Promise<unknown>): Promise<Who> {
  const whos = ["zhang", "li"] as const;
  const results = await Promise.allSettled(whos.map((who) => db.scoped({ tenantId }, save(who))));
  const won = whos.filter((_, index) => results[index]!.status === "fulfilled");
  const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
  expect(won).toHaveLength(1);
  expect(refused).toHaveLength(1);
  expect(refused[0]).toBeInstanceOf(StaleRevisionError);
  expect((refused[0] as StaleRevisionError).current?.savedBy?.name).toBe(names[won[0]!]);
  return won[0]!;
}

const profileOf = (licenseHolder: string): ComplianceProfile => ({
  pathway: "localPartner", licenseHolder, icpFilingNumber: "", miniProgramFiling: "inProgress", categoryConfirmed: false, foodLicenseNumber: "",
});

describe("two saves from the same revision", () => {
  it("of the WeChat settings, first save and later: one lands, the other is refused naming the saver", async () => {
    for (let pair = 0; pair < 4; pair += 1) {
      const tenantId = await arrangeStore(db, { name: "微信设置店", templateId: "ecommerce" });
      const appids: Record<Who, string> = { zhang: testAppid(), li: testAppid() };
      const first = await race(tenantId, (who) => (tx) => saveWechatSettings(tx, tenantId, { userId: people[who], revision: 0 }, { appid: appids[who], robot: 1 }));
      const saved = (await db.scoped({ tenantId }, readWechatSettings))!;
      expect(saved).toMatchObject({ appid: appids[first], revision: 1 });

      const robots: Record<Who, number> = { zhang: 3, li: 5 };
      const second = await race(tenantId, (who) => (tx) =>
        saveWechatSettings(tx, tenantId, { userId: people[who], revision: saved.revision }, { appid: saved.appid, robot: robots[who] }),
      );
      expect(await db.scoped({ tenantId }, readWechatSettings)).toMatchObject({ appid: appids[first], robot: robots[second], revision: 2 });
    }
  });

  it("of the compliance profile, first save and later: one lands, the other is refused naming the saver", async () => {
    for (let pair = 0; pair < 4; pair += 1) {
      const tenantId = await arrangeStore(db, { name: "合规店", templateId: "hotel" });
      const holders: Record<Who, string> = { zhang: "张三文旅有限公司", li: "李四酒店管理有限公司" };
      const first = await race(tenantId, (who) => (tx) => saveComplianceProfile(tx, tenantId, { userId: people[who], revision: 0 }, profileOf(holders[who])));
      const saved = await db.scoped({ tenantId }, readCompliance);
      expect(saved).toMatchObject({ profile: { licenseHolder: holders[first] }, revision: 1 });

      const second = await race(tenantId, (who) => (tx) =>
        saveComplianceProfile(tx, tenantId, { userId: people[who], revision: saved.revision }, { ...saved.profile, miniProgramFiling: who === "zhang" ? "approved" : "notStarted" }),
      );
      expect(await db.scoped({ tenantId }, readCompliance)).toMatchObject({
        profile: { licenseHolder: holders[first], miniProgramFiling: second === "zhang" ? "approved" : "notStarted" },
        revision: 2,
      });
    }
  });
});
