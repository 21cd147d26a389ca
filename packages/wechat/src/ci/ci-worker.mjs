// One miniprogram-ci task in its own process: an offline compile, an upload or a preview. Its own process because
// miniprogram-ci leaves the compiler process it forks running, crashes when two compiles share a process, and has
// no timeout of its own: run-task.ts kills this process group when the task overruns.
//
// The task arrives as the first IPC message (never in argv, where other users of the machine could read the
// private key): { task: "compile" | "upload" | "preview", projectPath, appid, privateKey?, proxy?, setting,
// version?, desc?, robot?, pagePath?, searchQuery?, qrcodeFile? }. The answer is one IPC message:
// { ok: true, result } or { ok: false, code, path, message }. miniprogram-ci's own log lines go to stdout.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import ci from "miniprogram-ci";

// If the parent goes away, so does this task (and, on this process's exit, the compiler process it forked).
process.on("disconnect", () => process.exit(1));

process.once("message", async (task) => {
  process.send(await run(task), () => process.exit(0));
});

async function run(task) {
  // The offline compile asks WeChat for its list of uploadable file types and falls back to the built-in list
  // when that fails; a proxy nothing listens on makes it fail at once, so nothing ever leaves this machine.
  if (task.task === "compile") ci.proxy("http://127.0.0.1:9");
  else if (task.proxy) ci.proxy(task.proxy);
  let project;
  try {
    project = new ci.Project({
      appid: task.appid,
      type: "miniProgram",
      projectPath: task.projectPath,
      // The compile never signs a request; an upload signs each one with the store's key.
      privateKey: task.privateKey ?? "offline",
      // Offline, these are the attributes WeChat would answer with; an upload asks WeChat for the real ones.
      ...(task.task === "compile" ? { attr: async () => ci.DefaultProjectAttr } : {}),
    });
  } catch {
    // With these arguments the constructor fails only on a project.config.json it cannot parse, and then says
    // "project.config.json not exist", which misleads.
    return { ok: false, path: "project.config.json", message: "not valid JSON" };
  }
  try {
    return { ok: true, result: await perform(task, project) };
  } catch (error) {
    return { ok: false, code: error?.code, path: error?.path, message: String(error?.message ?? error) };
  }
}

async function perform(task, project) {
  const { setting } = task;
  switch (task.task) {
    case "compile": {
      const compiled = await ci.getCompiledResult({ project, setting });
      // Asked for the compiled files (the runtime's precompile): written where the parent said, as the upload
      // would have packed them.
      if (task.outDir) {
        for (const [file, content] of Object.entries(compiled)) {
          const target = path.join(task.outDir, file);
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, content);
        }
      }
      return {};
    }
    case "upload": {
      // useCOS off: Tencent COS is one more host to whitelist and packages stay far below its 5 MB threshold.
      const answer = await ci.upload({ project, version: task.version, desc: task.desc, robot: task.robot, setting, useCOS: false });
      return { subPackageInfo: answer.subPackageInfo ?? [] };
    }
    case "preview": {
      const answer = await ci.preview({
        project,
        desc: task.desc,
        robot: task.robot,
        setting,
        useCOS: false,
        qrcodeFormat: "image",
        qrcodeOutputDest: task.qrcodeFile,
        pagePath: task.pagePath,
        searchQuery: task.searchQuery,
      });
      return { subPackageInfo: answer.subPackageInfo ?? [] };
    }
    default:
      throw new Error(`unknown task ${task.task}`);
  }
}
