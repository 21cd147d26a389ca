// `npm run generate -- --tenant <slug> [--out DIR] [--no-compile]` or `-- --all`: renders, validates, compiles and
// zips each store's Mini Program package from its latest config version, printing one line per store.
import path from "node:path";
import { parseArgs } from "node:util";
import { Database } from "@kaidian/db";
import { formatProblem, generatePackage, type GeneratedPackage } from "@kaidian/generator";
import { shopApiBaseUrl } from "@kaidian/publishing";
import { loadSiteSnapshot } from "@kaidian/storefront";
import { templateIdSchema } from "@kaidian/templates";
import { openProductDatabase, root } from "./product-database";

const usage = "Usage: npm run generate -- (--tenant <slug> | --all) [--out DIR] [--no-compile]";

const { values } = parseArgs({
  options: {
    tenant: { type: "string", multiple: true },
    all: { type: "boolean", default: false },
    out: { type: "string", default: path.join(root, ".data/packages") },
    "no-compile": { type: "boolean", default: false },
  },
});
if (!values.all && !values.tenant?.length) {
  console.error(usage);
  process.exit(2);
}

const shopApiUrl = shopApiBaseUrl();
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const { server } = await openProductDatabase({ reuseRunning: true });
const db = new Database(server.url, { maxConnections: 2 });
let failed = 0;
try {
  const stores = await db.privileged((tx) =>
    tx.tenant.findMany({
      where: values.all ? { status: "ACTIVE" } : { slug: { in: values.tenant } },
      select: { id: true, slug: true, templateId: true, wechatCredential: { select: { appid: true } } },
      orderBy: { slug: "asc" },
    }),
  );
  for (const slug of values.tenant ?? []) {
    if (!stores.some((store) => store.slug === slug)) {
      console.log(`✘ ${slug}: no such store`);
      failed++;
    }
  }
  for (const store of stores) {
    const started = performance.now();
    const snapshot = await loadSiteSnapshot(db, store.id, { apiBaseUrl: `${shopApiUrl}/api/mp/v1/${store.id}` });
    if (!snapshot) {
      console.log(`✘ ${store.slug}: has no config version yet`);
      failed++;
      continue;
    }
    const result = await generatePackage(
      {
        tenant: { id: store.id, slug: store.slug },
        appid: store.wechatCredential?.appid ?? "touristappid",
        templateId: templateIdSchema.parse(store.templateId),
        snapshot,
      },
      { outDir: path.resolve(values.out), compile: !values["no-compile"] },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (result.ok) {
      console.log(describe(store.slug, result, seconds));
    } else {
      failed++;
      console.log(`✘ ${store.slug}: ${result.problems.length} problem(s), ${seconds} s`);
      for (const problem of result.problems) console.log(`    ${formatProblem(problem)}`);
    }
  }
} finally {
  await db.disconnect();
  await server.stop();
}
process.exit(failed ? 1 : 0);

function describe(slug: string, result: GeneratedPackage, seconds: string): string {
  const { manifest, written } = result;
  return [
    `✔ ${slug}`,
    `${manifest.templateId} v${manifest.configVersion}`,
    `main ${kb(manifest.sizes.main)}`,
    `zip ${kb(manifest.sizes.zip)}`,
    `${manifest.files.length} files`,
    `${seconds} s`,
    written ? `-> ${path.relative(process.cwd(), written.zip)}` : "",
  ].join("  ");
}
