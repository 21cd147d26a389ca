// `npm run platform:template`: puts this runtime's template package into the third-party platform's template library
// (generate, upload as the development Mini Program's draft, addtotemplate), unless this runtime build is there
// already, and prints the runtime version, WeChat's user_version and draft id. Needs the platform's settings
// (WECHAT_COMPONENT_*) with the development Mini Program's (WECHAT_COMPONENT_DEV_APPID, WECHAT_COMPONENT_DEV_KEY_FILE),
// and a component_verify_ticket already received by shop-api. Works beside a running `npm start`.
import { Database } from "@kaidian/db";
import { ensurePlatformTemplate } from "@kaidian/publishing/worker";
import { masterKey } from "@kaidian/secrets";
import { wechatConnection } from "@kaidian/wechat/ci";
import { componentSettings, openPlatform, templateDeveloperSettings } from "@kaidian/wechat/open-platform";
import { openProductDatabase } from "./product-database";

let platform, developer;
try {
  platform = componentSettings(process.env);
  developer = templateDeveloperSettings(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (!platform || !developer) {
  console.error("Set the third-party platform (WECHAT_COMPONENT_*) and its development Mini Program (WECHAT_COMPONENT_DEV_APPID, WECHAT_COMPONENT_DEV_KEY_FILE) first: see the README.");
  process.exit(2);
}

const { server } = await openProductDatabase({ reuseRunning: true });
const db = new Database(server.url, { maxConnections: 2 });
let exitCode = 0;
try {
  const { tokens } = openPlatform({ db, masterKey: masterKey().key, settings: platform });
  const outcome = await ensurePlatformTemplate({ db, tokens, developer, wechat: wechatConnection(process.env), log: (line) => console.log(line) });
  const said = {
    added: `added to the template library: runtime ${outcome.runtimeVersion}, user_version ${outcome.userVersion}`,
    alreadyAdded: `already in the template library: runtime ${outcome.runtimeVersion}, user_version ${outcome.userVersion}`,
    busy: `another process is adding runtime ${outcome.runtimeVersion} (${outcome.userVersion}) now; run again later`,
  }[outcome.status];
  console.log("draftId" in outcome ? `${said}, draft ${outcome.draftId}` : said);
  if (outcome.status === "busy") exitCode = 1;
} catch (error) {
  console.error(`The template library was not updated: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await db.disconnect();
  await server.stop();
}
process.exit(exitCode);
