import { describe, expect, it } from "vitest";
import { newAccountSchema } from "./schemas";

function issues(input: Record<string, unknown>) {
  const result = newAccountSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

const valid = { name: "林小野", email: "Owner@Example.Test ", password: "咖啡豆store2026" };

describe("new account form", () => {
  it("accepts a sound account and keeps the email in one canonical form", () => {
    expect(newAccountSchema.parse(valid)).toEqual({ ...valid, email: "owner@example.test" });
  });

  it.each([
    ["a malformed email", { email: "owner@" }, "email: email.invalid"],
    ["an empty email", { email: "  " }, "email: email.required"],
    ["a short password", { password: "abc123" }, "password: password.tooShort"],
    ["a password without digits", { password: "onlyletters-here" }, "password: password.needsLetterAndDigit"],
    ["a commonly breached password", { password: "password123" }, "password: password.common"],
    ["the email as password", { email: "a1234567890@x.test", password: "a1234567890@x.test" }, "password: password.sameAsEmail"],
    ["an overlong name", { name: "名".repeat(41) }, "name: name.tooLong"],
  ])("refuses %s, naming the field", (_, change, expected) => {
    expect(issues({ ...valid, ...change })).toContain(expected);
  });
});
