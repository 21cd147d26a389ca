import { apiErrorSchema } from "@kaidian/storefront";
import { describe, expect, it } from "vitest";
import { GET as getSample } from "./assets/samples/[name]/route";

function call(params: { name: string }) {
  return getSample(new Request(`http://localhost/api/mp/v1/assets/samples/${params.name}`), { params: Promise.resolve(params) });
}

describe("the sample pictures", () => {
  it("serves a template's sample SVG with a long cache and a CSP that runs nothing", async () => {
    const response = await call({ name: "coffee-beans.svg" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/svg+xml");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=604800");
    expect(response.headers.get("Content-Security-Policy")).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(await response.text()).toMatch(/^<svg /);
  });

  it("answers 404 JSON for a name that is not a sample", async () => {
    for (const name of ["no-such-picture.svg", "coffee-beans.png", "..%2F..%2Fetc%2Fpasswd"]) {
      const response = await call({ name });
      expect(response.status).toBe(404);
      expect(apiErrorSchema.parse(await response.json()).error.code).toBe("asset.notFound");
    }
  });
});
