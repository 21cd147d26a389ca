import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERSONAL_DATA_RUNTIME_FILES, personalDataSignature, personalDataUses, templates, type StoreConfig } from "./index";
import { readConfig } from "./read-config";

const sample = (id: keyof typeof templates): StoreConfig => {
  const read = readConfig(templates[id], templates[id].sample.config);
  if (!read.ok) throw new Error("sample does not read");
  return read.config;
};

describe("the personal data a package handles", () => {
  it("follows the features in it: the hotel's booking form, its store map and its member card", () => {
    const uses = personalDataUses(templates.hotel, sample("hotel"));
    expect(uses.map((use) => use.key).sort()).toEqual(["Location", "Name", "PhoneNumber", "PhoneNumber"]);
    expect(uses.find((use) => use.key === "PhoneNumber")).toMatchObject({ feature: { "zh-CN": "客房预订申请" } });
  });

  it("leaves out the map when the store has no location, and the booking form where there is no booking page", () => {
    const config = sample("restaurant");
    // A restaurant's takeaway is checked out like any order (its checkout asks for a phone number and can take an address).
    expect(personalDataUses(templates.restaurant, config).map((use) => use.key)).toEqual(["Location", "Address", "PhoneNumber", "PhoneNumber"]);
    expect(personalDataUses(templates.restaurant, { ...config, store: { ...config.store, location: null } }).map((use) => use.key)).toEqual(["Address", "PhoneNumber", "PhoneNumber"]);
  });

  it("declares the phone number for joining only where a page shows the member card", () => {
    const config = sample("restaurant");
    const memberCard = (uses: ReturnType<typeof personalDataUses>) => uses.filter((use) => use.feature["zh-CN"] === "会员卡").map((use) => use.key);
    expect(memberCard(personalDataUses(templates.restaurant, config))).toEqual(["PhoneNumber"]);
    const pages = Object.fromEntries(
      Object.entries(config.pages).map(([id, page]) => [id, page && { ...page, sections: page.sections.filter((section) => section.type !== "member-card") }]),
    ) as StoreConfig["pages"];
    expect(memberCard(personalDataUses(templates.restaurant, { ...config, pages }))).toEqual([]);
  });

  it("names a list by what it declares, so a changed purpose needs a new confirmation", () => {
    const uses = personalDataUses(templates.hotel, sample("hotel"));
    expect(personalDataSignature([...uses].reverse())).toBe(personalDataSignature(uses));
    expect(personalDataSignature(uses.slice(1))).not.toBe(personalDataSignature(uses));
  });

  // The runtime is the truth: any code that reads the phone's location, asks for a phone number or address, or has
  // shoppers type into a form must be a declared feature, or the guide would miss it.
  it("declares every place in the runtime that handles personal data", () => {
    const root = path.resolve(import.meta.dirname, "../../../apps/runtime-miniapp/src");
    const handlers = /wx\.(openLocation|getLocation|getFuzzyLocation|chooseLocation|choosePoi|chooseAddress|chooseMedia|chooseImage|getUserProfile|startLocationUpdate)\b|open-type="(getPhoneNumber|chooseAvatar|getRealtimePhoneNumber)"|<input\b/;
    // The search box takes a search term, not personal data.
    const notPersonal = new Set(["sections/search/index.wxml"]);
    const files = readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((file) => /\.(js|wxml)$/.test(file))
      .map((file) => file.split(path.sep).join("/"))
      .filter((file) => !notPersonal.has(file) && handlers.test(readFileSync(path.join(root, file), "utf8")));
    expect(files.sort()).toEqual([...PERSONAL_DATA_RUNTIME_FILES].sort());
  });
});
