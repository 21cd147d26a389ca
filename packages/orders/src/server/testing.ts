// Stores that trade, for tests and benchmarks: published, with a Mini Program whose AppSecret is sealed as the
// dashboard seals it, registered at the fake WeChat, payments switched on when asked, and products with SKU stock.
import { randomBytes, randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { arrangeStore } from "@kaidian/storefront/testing";
import { testMchid, type TestServiceProvider } from "@kaidian/payments/testing";
import { sealAppSecret } from "@kaidian/wechat/server-api";

export type TradingStore = { tenantId: string; appid: string; appSecret: string };

export async function arrangeTradingStore(
  db: Database,
  options: {
    name: string;
    masterKey: Buffer;
    registerApp?: (app: { appid: string; secret: string }) => void;
    /** Takes payment as a sub-merchant of this service provider (opened at the fake WeChat Pay for the store's appid). */
    serviceProvider?: TestServiceProvider;
    /** An e-commerce store unless given (a restaurant's pickup orders are takeaways). */
    templateId?: "ecommerce" | "hotel" | "restaurant";
  },
): Promise<TradingStore> {
  const tenantId = await arrangeStore(db, { name: options.name, templateId: options.templateId ?? "ecommerce", publish: true });
  const appid = `wx${randomBytes(8).toString("hex")}`;
  const appSecret = randomBytes(16).toString("hex");
  await db.scoped({ tenantId }, async (tx) => {
    await tx.wechatCredential.create({
      data: { tenantId, appid, revision: 1, appSecretCiphertext: sealAppSecret(appSecret, options.masterKey, tenantId), appSecretUpdatedAt: new Date() },
    });
    // Partner mode needs only the store's sub-merchant id; the platform's service provider signs.
    if (options.serviceProvider) {
      const subMchid = testMchid();
      options.serviceProvider.registration.subMerchants!.push({ subMchid, appids: [appid] });
      await tx.paymentSettings.create({ data: { tenantId, mode: "partner", account: { mode: "partner", subMchid }, revision: 1 } });
    }
  });
  options.registerApp?.({ appid, secret: appSecret });
  return { tenantId, appid, appSecret };
}

/** A product with one spec and a SKU per option, each at `priceFen` with `stock`. */
export async function arrangeProduct(
  db: Database,
  tenantId: string,
  product: { title: string; priceFen: number; stock: number; options?: string[] },
): Promise<{ id: string; options: string[][] }> {
  const options = product.options ?? ["标准"];
  const details = {
    specs: [{ name: "规格", options }],
    skus: options.map((option) => ({ options: [option], priceFen: product.priceFen, stock: product.stock })),
  };
  const { id } = await db.scoped({ tenantId }, (tx) =>
    tx.catalogItem.create({ data: { tenantId, kind: "PRODUCT", title: product.title, priceFen: product.priceFen, details }, select: { id: true } }),
  );
  return { id, options: options.map((option) => [option]) };
}
export { seedOrder, TEST_ADDRESS, type SeedOrder, type SeededLine } from "./seeded-orders";
export { seedStay, type SeedStay } from "./seeded-stays";

export type TestRestaurant = TradingStore & {
  tables: { id: string; name: string; code: string }[];
  /** 宫保鸡丁 ¥32 with a required 辣度 (特辣 +¥1), 米饭 ¥2, and 酸菜鱼 ¥58, sold out. */
  dishes: { chicken: string; rice: string; fish: string };
};

/** A trading restaurant with two tables (A1, A2) and three dishes, its tables paying as `payment` says. */
export async function arrangeRestaurant(
  db: Database,
  options: Parameters<typeof arrangeTradingStore>[1] & { payment: "payFirst" | "payAtEnd" },
): Promise<TestRestaurant> {
  const store = await arrangeTradingStore(db, { templateId: "restaurant", ...options });
  const { tenantId } = store;
  return db.scoped({ tenantId }, async (tx) => {
    await tx.tableOrderSettings.create({ data: { tenantId, payment: options.payment, revision: 1 } });
    const tables = await Promise.all(
      ["A1", "A2"].map((name, position) =>
        tx.diningTable.create({ data: { tenantId, name, code: randomUUID().replaceAll("-", "").slice(0, 6).toUpperCase(), position }, select: { id: true, name: true, code: true } }),
      ),
    );
    const dish = (title: string, priceFen: number, details: object) =>
      tx.catalogItem.create({ data: { tenantId, kind: "DISH", title, priceFen, details }, select: { id: true } }).then((row) => row.id);
    const dishes = {
      chicken: await dish("宫保鸡丁", 3200, { optionGroups: [{ name: "辣度", required: true, multiple: false, options: [{ name: "微辣", extraFen: 0 }, { name: "特辣", extraFen: 100 }] }], soldOut: false }),
      rice: await dish("米饭", 200, { optionGroups: [], soldOut: false }),
      fish: await dish("酸菜鱼", 5800, { optionGroups: [], soldOut: true }),
    };
    return { ...store, tables, dishes };
  });
}
