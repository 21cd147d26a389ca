// `npm run bench:generate`: what it costs to make a store's Mini Program package. Per template: package sizes and
// the median time to render one store (validate, render, check sizes and WeChat's schemas, zip) without and with
// the offline miniprogram-ci compile; a 10-item and a 10,000-item store side by side (the package bakes only its
// first screens, so the main package must not grow with the catalog); and the wall time and peak memory to
// render and zip 1,000 stores.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MAX_STORE_ITEMS, type Item } from "@kaidian/catalog";
import { generatePackage, loadRuntime, type GeneratorInput } from "@kaidian/generator";
import { sampleSnapshot, TEMPLATE_IDS, type TemplateId } from "@kaidian/templates";
import { median } from "./stats";

const RENDER_RUNS = 40;
const COMPILE_RUNS = Number(process.env.COMPILE_RUNS ?? 3);
const TENANTS = Number(process.env.TENANTS ?? 1000);
const LARGE_RUNS = 10;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function input(templateId: TemplateId, index: number): GeneratorInput {
  const snapshot = sampleSnapshot(templateId, { tenantId: `bench-${index}` });
  snapshot.site.config.store.name = `${snapshot.site.config.store.name} ${index}`;
  return { tenant: { id: `bench-${index}`, slug: `bench-${index}` }, appid: "wx0123456789abcdef", templateId, snapshot };
}

/** The ecommerce sample store grown to `count` products, spread over its categories as a merchant's would be. */
function storeOfSize(count: number, index: number): GeneratorInput {
  const request = input("ecommerce", index);
  const { categories, items } = request.snapshot.catalog;
  const grown: Item[] = Array.from({ length: count }, (_, n) => {
    const model = items[n % items.length]!;
    return { ...model, id: `item-${n}`, title: `${model.title.slice(0, 30)} ${n}`, categoryId: categories[n % categories.length]!.id };
  });
  return { ...request, snapshot: { ...request.snapshot, catalog: { categories, items: grown } } };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function generateOrThrow(request: GeneratorInput, options: Parameters<typeof generatePackage>[1] = {}) {
  const result = await generatePackage(request, options);
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join("\n"));
  return result;
}

const runtime = await loadRuntime();
console.log(`Kaidian generator benchmark: runtime ${runtime.version}, Node ${process.version}, ${os.cpus().length} cores\n`);

const rows: string[][] = [["template", "main", "total", "zip", "render + zip (median)", "with compile (median)"]];
for (const templateId of TEMPLATE_IDS) {
  for (let i = 0; i < 5; i++) await generateOrThrow(input(templateId, i), { runtime }); // warm-up
  const render: number[] = [];
  for (let i = 0; i < RENDER_RUNS; i++) render.push(await timed(() => generateOrThrow(input(templateId, i), { runtime })));
  const compile: number[] = [];
  for (let i = 0; i < COMPILE_RUNS; i++) compile.push(await timed(() => generateOrThrow(input(templateId, i), { runtime, compile: true })));
  const { manifest } = await generateOrThrow(input(templateId, 0), { runtime });
  rows.push([
    templateId,
    kib(manifest.sizes.main),
    kib(manifest.sizes.total),
    kib(manifest.sizes.zip),
    ms(median(render)),
    compile.length ? `${(median(compile) / 1000).toFixed(2)} s` : "skipped",
  ]);
}

// Before the 10,000-item stores, whose catalogs would otherwise count towards this phase's peak.
const outDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-bench-generate-"));
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const started = performance.now();
for (let index = 0; index < TENANTS; index++) {
  const templateId = TEMPLATE_IDS[index % TEMPLATE_IDS.length]!;
  const { zip } = await generateOrThrow(input(templateId, index), { runtime });
  await writeFile(path.join(outDir, `bench-${index}.zip`), zip);
}
const wall = performance.now() - started;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
await rm(outDir, { recursive: true, force: true });

const sizeRows: string[][] = [["ecommerce store", "main", "zip", "render + zip (median)", "main vs 10 items"]];
let smallMain = 0;
for (const count of [10, MAX_STORE_ITEMS]) {
  const runs: number[] = [];
  for (let i = 0; i < LARGE_RUNS; i++) runs.push(await timed(() => generateOrThrow(storeOfSize(count, i), { runtime })));
  const { manifest } = await generateOrThrow(storeOfSize(count, 0), { runtime });
  smallMain ||= manifest.sizes.main;
  sizeRows.push([
    `${count.toLocaleString("en-US")} items`,
    kib(manifest.sizes.main),
    kib(manifest.sizes.zip),
    ms(median(runs)),
    `${((manifest.sizes.main / smallMain - 1) * 100).toFixed(1)}%`,
  ]);
}

function printTable(table: string[][]) {
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  for (const row of table) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join("  "));
}
printTable(rows);
console.log("");
printTable(sizeRows);
console.log(
  `\n${TENANTS} stores rendered and zipped (no compile), zips written to disk: ${(wall / 1000).toFixed(1)} s wall, ` +
    `${ms(wall / TENANTS)} per store, peak RSS ${mib(peakRss)} (${mib(rssBefore)} before the first)`,
);
console.log(
  "Targets: render + zip under 20 ms median; a 10,000-item store's main package within 10% of a 10-item store's; " +
    "1,000 stores in at most 20 s and 200 MiB peak RSS; every main package under 600 KiB.",
);
process.exit(0);
