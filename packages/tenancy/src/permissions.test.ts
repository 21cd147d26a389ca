import { describe, expect, it } from "vitest";
import { can } from "./permissions";

describe("who may change a store's payment settings", () => {
  it("is its owners alone: not staff, not the agency that serves it", () => {
    expect(can(["OWNER"], "payments")).toBe(true);
    expect(can(["STAFF"], "payments")).toBe(false);
    expect(can(["AGENCY_ADMIN"], "payments")).toBe(false);
    expect(can(["AGENCY_PUBLISHER", "STAFF"], "payments")).toBe(false);
    // Staff still handle the store's other work.
    expect(can(["STAFF"], "catalog")).toBe(true);
  });
});
