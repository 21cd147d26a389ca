// Hands an already compiled package to WeChat with miniprogram-ci's own client code, without its compiler. A
// package built from the precompiled runtime (see packages/generator/src/precompiled.ts) holds exactly the files
// `ci.upload` would have produced with the upload setting, so compiling it again would only cost seconds of CPU
// and ~300 MB of memory for the same bytes. The steps are those of miniprogram-ci's `innerUpload` (dist/ci/upload.js)
// after its compile: the query it builds, the signature over WeChat's random string, its wxapkg packing, gzip, the
// POST, its answer parsing. Only the modules it needs for that are loaded.
//
// The task and the answer are as in ci-worker.mjs: { task: "upload" | "preview", projectPath, appid, privateKey,
// proxy?, version?, desc, robot, pagePath?, searchQuery?, qrcodeFile? } in, { ok: true, result } or
// { ok: false, code, path, message } out.
import { readFile, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import querystring from "node:querystring";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const ciDir = path.dirname(require.resolve("miniprogram-ci/package.json"));
const ciModule = (file) => require(path.join(ciDir, "dist", file));
const { pack } = ciModule("ci/utils/pack.js");
const { getSignature } = ciModule("utils/sign.js");
const { request, setCiProxy } = ciModule("utils/request.js");
const { jsonRespParse } = ciModule("utils/jsonParse.js");
const { UPLOAD_URL, TEST_SOURCE_URL } = ciModule("config/url.config.js");
const { CI_VERSION, UPLOAD_CGI_ERR } = ciModule("config/config.js");
const { CodeError } = ciModule("utils/error.js");

/** What the compiler puts in place of project.config.json: WeChat reads the project root from it, nothing else. */
const COMPILED_PROJECT_CONFIG = JSON.stringify({ miniprogramRoot: "", __compileDebugInfo__: { useSummer: true } });
const SIGNATURE_FILE = "ci.signature";

process.on("disconnect", () => process.exit(1));
process.once("message", async (task) => {
  process.send(await run(task), () => process.exit(0));
});

async function run(task) {
  try {
    if (task.proxy) setCiProxy(task.proxy);
    return { ok: true, result: await send(task) };
  } catch (error) {
    return { ok: false, code: error?.code, path: error?.path, message: String(error?.message ?? error) };
  }
}

async function send(task) {
  const preview = task.task === "preview";
  const files = await readPackage(task.projectPath);
  files["project.config.json"] = COMPILED_PROJECT_CONFIG;

  const query = { codeprotect: 0, type: "miniProgram", appid: task.appid, version: preview ? "0.0.1" : task.version, desc: task.desc, robot: task.robot };
  const launch = { scene: 1011 };
  if (task.pagePath) {
    launch.path = task.pagePath;
    query.path = task.pagePath;
  }
  if (task.searchQuery) launch.query = querystring.parse(task.searchQuery);
  query.debugLaunchInfo = JSON.stringify(launch);
  if (task.pagePath && task.searchQuery) query.path += `?${task.searchQuery}`;
  const ext = parseJson(files["ext.json"]);
  if (ext?.extEnable) query.extAppId = ext.extAppid;

  const signature = await getSignature(task.privateKey, task.appid);
  files[SIGNATURE_FILE] = JSON.stringify({ signature, version: CI_VERSION });
  const url = `${preview ? TEST_SOURCE_URL : UPLOAD_URL}?${querystring.stringify(query)}`;
  let answer;
  try {
    const body = (await request({ url, method: "post", body: gzipSync(pack(files).buffer) })).body.toString();
    answer = jsonRespParse(body, url);
    if (answer.errCode !== 0) throw new Error(body);
  } catch (error) {
    throw new CodeError(error.toString(), UPLOAD_CGI_ERR);
  }
  const subPackageInfo = Array.isArray(answer.body?.subpackage_info) ? answer.body.subpackage_info : [];
  if (preview) {
    if (!answer.body?.qrcode_img) throw new Error("No `qrcode_img` in response.");
    await writeFile(task.qrcodeFile, Buffer.from(answer.body.qrcode_img, "base64"));
  }
  return { subPackageInfo };
}

/** Every file of the package directory, by package-relative path, as miniprogram-ci's compile result names them. */
async function readPackage(dir) {
  const files = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file).split(path.sep).join("/")] = await readFile(file);
  }
  return files;
}

function parseJson(content) {
  try {
    return content ? JSON.parse(content.toString("utf8")) : null;
  } catch {
    return null;
  }
}
