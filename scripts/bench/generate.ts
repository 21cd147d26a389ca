// `npm run bench:generate`: what it costs to make a store's Mini Program package. Per template: package sizes and
// the median time to render one store (validate, render, check sizes and WeChat's schemas, zip) without and with
// the offline miniprogram-ci compile; then the wall time and peak memory to render and zip 1,000 stores.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generatePackage, loadRuntime, type GeneratorInput } from "@kaidian/generator";
import { sampleSnapshot, TEMPLATE_IDS, type TemplateId } from "@kaidian/templates";

const RENDER_RUNS = 40;
const COMPILE_RUNS = Number(process.env.COMPILE_RUNS ?? 3);
const TENANTS = Number(process.env.TENANTS ?? 1000);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function input(templateId: TemplateId, index: number): GeneratorInput {
  const snapshot = sampleSnapshot(templateId, { tenantId: `bench-${index}` });
  snapshot.site.config.store.name = `${snapshot.site.config.store.name} ${index}`;
  return { tenant: { id: `bench-${index}`, slug: `bench-${index}` }, appid: "wx0123456789abcdef", templateId, snapshot };
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
    kb(manifest.sizes.main),
    kb(manifest.sizes.total),
    kb(manifest.sizes.zip),
    ms(median(render)),
    compile.length ? `${(median(compile) / 1000).toFixed(2)} s` : "skipped",
  ]);
}

const outDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-bench-generate-"));
let peakRss = process.memoryUsage().rss;
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

const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join("  "));
console.log(
  `\n${TENANTS} stores rendered and zipped (no compile), zips written to disk: ${(wall / 1000).toFixed(1)} s wall, ` +
    `${ms(wall / TENANTS)} per store, peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
);
console.log("Targets: render + zip under 20 ms median; 1,000 stores under 30 s; every main package under 600 KB.");
process.exit(0);
