// One offline miniprogram-ci compile, in its own process: getCompiledResult leaves the compiler process it forks
// running, and two compiles at once in one process crash. compile.ts forks this file, passing
// { projectPath, appid, setting } as JSON in argv[2]; it answers over IPC with { ok: true } or
// { ok: false, code, path, message } and exits.
import ci from "miniprogram-ci";

// If compile.ts goes away, so does this compile (and, on this process's exit, the compiler process it forked).
process.on("disconnect", () => process.exit(1));

const { projectPath, appid, setting } = JSON.parse(process.argv[2]);

// The compile asks WeChat for its list of uploadable file types and falls back to the built-in list when that
// fails; a proxy nothing listens on makes it fail at once, so nothing ever leaves this machine.
ci.proxy("http://127.0.0.1:9");

process.send(await compile(), () => process.exit(0));

async function compile() {
  let project;
  try {
    project = new ci.Project({
      appid,
      type: "miniProgram",
      projectPath,
      // Required by the constructor, used only to sign requests to WeChat, which this compile never makes.
      privateKey: "offline",
      // Without it the project first asks WeChat for the app's attributes; these are the defaults it would get.
      attr: async () => ci.DefaultProjectAttr,
    });
  } catch {
    // With these arguments the constructor fails only on a project.config.json it cannot parse, and then says
    // "project.config.json not exist", which misleads.
    return { ok: false, path: "project.config.json", message: "not valid JSON" };
  }
  try {
    await ci.getCompiledResult({ project, setting });
    return { ok: true };
  } catch (error) {
    return { ok: false, code: error?.code, path: error?.path, message: String(error?.message ?? error) };
  }
}
