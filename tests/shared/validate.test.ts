import { describe, expect, it } from "vitest";
import * as v from "valibot";
import { formatPath, validate } from "../../shared/validate.ts";

describe("formatPath()", () => {
  it.each([
    [[], "(root)"],
    [[{ key: "properties" }, { key: "hq" }, { key: "rules" }, { key: 2 }], "properties.hq.rules[2]"],
    [[{ key: "a" }, { key: 0 }, { key: "b" }, { key: 1 }], "a[0].b[1]"],
  ])("formats %j as %s", (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe("validate()", () => {
  const Schema = v.strictObject({ items: v.array(v.strictObject({ id: v.pipe(v.string(), v.minLength(1)) })) });

  it("returns the parsed value", () => {
    expect(validate(Schema, { items: [{ id: "x" }] }, "thing")).toEqual({ ok: true, value: { items: [{ id: "x" }] } });
  });

  it("names the path of the first problem", () => {
    const r = validate(Schema, { items: [{ id: "x" }, { id: "" }] }, "thing");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("invalid");
      expect(r.error.message).toMatch(/^Invalid thing at items\[1\]\.id: /);
    }
  });

  it("rejects unknown fields", () => {
    const r = validate(Schema, { items: [], extra: 1 }, "thing");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain("extra");
  });

  it("never throws on hostile input", () => {
    for (const input of [null, undefined, 42, "x", [], { items: null }, { items: [null] }]) {
      expect(validate(Schema, input, "thing").ok).toBe(false);
    }
  });
});

describe("validate() inside unions", () => {
  const Schema = v.object({ users: v.array(v.object({ profile: v.record(v.string(), v.union([v.string(), v.array(v.string())])) })) });

  it("reports the union's own path, not the root", () => {
    const r = validate(Schema, { users: [{ profile: { a: 5 } }] }, "directory");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^Invalid directory at users\[0\]\.profile\.a: /);
  });
});
