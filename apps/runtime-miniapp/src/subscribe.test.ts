// Which subscribe messages a pay tap asks for (lib/subscribe.js), alone: the ones the order will send, as the store
// set them up, once each and at most 3 (WeChat refuses a longer tmplIds).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCommonJs } from "../scripts/lib/commonjs.mjs";

const subscribe = loadCommonJs(path.join(import.meta.dirname, "lib", "subscribe.js")) as typeof import("./lib/subscribe.js");

const templates = { orderPaid: "paid-template", orderShipped: "shipped-template", orderReady: "ready-template", bookingConfirmed: "booked-template" };

describe("the templates a pay tap asks for", () => {
  it("asks for what each way of handing over sends", () => {
    expect(subscribe.templateIdsFor(templates, "express")).toEqual(["paid-template", "shipped-template"]);
    expect(subscribe.templateIdsFor(templates, "pickup")).toEqual(["paid-template", "ready-template"]);
    expect(subscribe.templateIdsFor(templates, "stay")).toEqual(["booked-template"]);
    expect(subscribe.templateIdsFor(templates, "dineIn")).toEqual([]);
  });

  it("leaves out what the store did not set up, and asks for one template once", () => {
    expect(subscribe.templateIdsFor({ ...templates, orderPaid: null }, "express")).toEqual(["shipped-template"]);
    expect(subscribe.templateIdsFor({ orderPaid: "same", orderReady: "same" }, "pickup")).toEqual(["same"]);
    expect(subscribe.templateIdsFor(undefined, "express")).toEqual([]);
  });
});
