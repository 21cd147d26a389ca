// 扫码 on the 会员 page in a real Chromium whose camera is the fake capture device playing a member's card code drawn
// as a QR code (e2e/camera.ts): an expired code read by the camera gets the scanner field's answer once, however long
// it stays in view; a fresh one opens the member and the camera is released; with camera permission refused the
// dialog says so and the scanner field still opens the member. Screenshots go to test-results/member-camera/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type Page, chromium, expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { writeQrVideo } from "./camera";
import { signUp, uniqueEmail } from "./helpers";
import { appRoot } from "./isolation-surfaces";
import { arrangeMember, cardCode } from "./members-db";
import { query } from "./orders-db";

const shots = path.join(appRoot, "test-results/member-camera");

type Session = Awaited<ReturnType<ReturnType<Page["context"]>["storageState"]>>;

/** A Chromium of its own, launched as the config launches it plus `args`, signed in as `session`. */
async function browserWith(args: string[], session: Session): Promise<{ browser: Browser; page: Page }> {
  const configured = test.info().project.use.launchOptions ?? {};
  const browser = await chromium.launch({ ...configured, args: [...(configured.args ?? []), ...args] });
  const context = await browser.newContext({ baseURL, locale: "zh-CN", storageState: session, viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  // Keeps the streams the page opens, so the test can see whether their tracks were stopped.
  await page.addInitScript(() => {
    const media = navigator.mediaDevices;
    if (!media) return;
    const opened: { stream: MediaStream; constraints?: MediaStreamConstraints }[] = [];
    Object.assign(window, { openedCameras: opened });
    const getUserMedia = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      opened.push({ stream, constraints });
      return stream;
    };
  });
  return { browser, page };
}

type Opened = { stream: MediaStream; constraints?: MediaStreamConstraints }[];
const cameras = (page: Page) =>
  page.evaluate(() => {
    const opened = (window as unknown as { openedCameras?: Opened }).openedCameras ?? [];
    return {
      opened: opened.length,
      live: opened.flatMap((entry) => entry.stream.getTracks()).filter((track) => track.readyState === "live").length,
      constraints: opened.map((entry) => entry.constraints),
    };
  });

const FAKE_CAMERA = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"];

test("staff scan a member's card with the camera; a refused camera leaves the scanner field working", async ({ page }) => {
  test.setTimeout(180_000);
  mkdirSync(shots, { recursive: true });
  await signUp(page, { name: "钱店长", email: uniqueEmail("camera"), password: "camera-test-2026", storeName: "扫码小铺", template: "电商商城" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  const slug = new URL(page.url()).pathname.split("/").at(-1)!;
  const [tenant] = await query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [slug]);
  const number = await arrangeMember(tenant!.id, "13912348765");
  const session = await page.context().storageState();
  const membersPage = `/stores/${slug}/members`;

  // An expired code in view: the field's answer shows in the dialog, and the code is sent once while frames keep coming.
  const expiredVideo = path.join(shots, "expired-card.y4m");
  writeQrVideo(expiredVideo, await cardCode(tenant!.id, number, new Date(Date.now() - 10 * 60_000)));
  {
    const { browser, page: staff } = await browserWith([...FAKE_CAMERA, `--use-file-for-fake-video-capture=${expiredVideo}`], session);
    let scans = 0;
    staff.on("request", (request) => {
      if (request.method() === "POST" && request.headers()["next-action"]) scans += 1;
    });
    await staff.goto(membersPage);
    await staff.getByRole("button", { name: "扫码" }).click();
    const dialog = staff.getByRole("dialog", { name: "用摄像头扫会员卡" });
    await expect(dialog.getByRole("alert")).toHaveText("会员码已过期，请让顾客刷新会员卡后重新扫码。", { timeout: 30_000 });
    expect((await cameras(staff)).constraints).toEqual([{ video: { facingMode: { ideal: "environment" } }, audio: false }]);
    // Two more seconds of the same code in front of the camera send nothing more.
    const video = dialog.getByLabel("摄像头画面");
    const shown = await video.evaluate((element: HTMLVideoElement) => element.currentTime);
    await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 30_000 }).toBeGreaterThan(shown + 2);
    expect(scans).toBe(1);
    await staff.screenshot({ path: path.join(shots, "expired-zh-CN.png") });
    expect((await cameras(staff)).live).toBeGreaterThan(0);
    await dialog.getByRole("button", { name: "关闭" }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(async () => (await cameras(staff)).live).toBe(0);
    await browser.close();
  }

  // A fresh code opens the member: the dialog closes and the camera is off. The decoder's script is fetched only
  // once 扫码 is pressed.
  const freshVideo = path.join(shots, "fresh-card.y4m");
  writeQrVideo(freshVideo, await cardCode(tenant!.id, number));
  {
    const { browser, page: staff } = await browserWith([...FAKE_CAMERA, `--use-file-for-fake-video-capture=${freshVideo}`], session);
    // jsQR's own words for its decoding steps are in its script and in no other.
    const scripts: Promise<boolean>[] = [];
    staff.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.text().then((body) => body.includes("Invalid module size"), () => false));
    });
    const decoderScripts = async () => (await Promise.all(scripts)).filter(Boolean).length;
    await staff.goto(membersPage, { waitUntil: "networkidle" });
    expect(scripts.length).toBeGreaterThan(0);
    expect(await decoderScripts()).toBe(0);
    await staff.getByRole("button", { name: "扫码" }).click();
    const member = staff.getByRole("region", { name: "会员 00000001" });
    await expect(member).toContainText("139****8765 · 普通会员 · 积分 0", { timeout: 30_000 });
    await expect(staff.getByRole("dialog")).toBeHidden();
    await expect.poll(async () => (await cameras(staff)).live).toBe(0);
    expect((await cameras(staff)).opened).toBe(1);
    expect(await decoderScripts()).toBe(1);
    await staff.screenshot({ path: path.join(shots, "opened-zh-CN.png"), fullPage: true });
    await browser.close();
  }

  // Camera permission refused: the dialog says what to do, and the scanner field still opens the member.
  {
    const { browser, page: staff } = await browserWith(["--use-fake-device-for-media-stream", "--deny-permission-prompts"], session);
    await staff.goto(membersPage);
    await staff.getByRole("button", { name: "扫码" }).click();
    const dialog = staff.getByRole("dialog", { name: "用摄像头扫会员卡" });
    await expect(dialog.getByRole("alert")).toContainText("摄像头权限被拒绝，无法扫码。", { timeout: 30_000 });
    await staff.screenshot({ path: path.join(shots, "denied-zh-CN.png") });
    await dialog.getByRole("button", { name: "关闭" }).click();
    const field = staff.getByRole("form", { name: "扫码核销/查会员" }).getByLabel("会员码", { exact: true });
    await field.fill(await cardCode(tenant!.id, number));
    await field.press("Enter");
    await expect(staff.getByRole("region", { name: "会员 00000001" })).toBeVisible({ timeout: 30_000 });
    await browser.close();
  }
});
