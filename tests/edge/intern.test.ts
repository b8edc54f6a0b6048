/** Interning (edge/intern.ts): one copy of each repeated string or list in a large read. */
import { describe, expect, it } from "vitest";
import { createInterners, createListInterner } from "../../edge/intern.ts";

describe("createInterners()", () => {
  it("hands back the first copy of a value, per attribute", () => {
    const intern = createInterners()("department");
    const first = intern("Engineering");
    expect(intern(["Engin", "eering"].join(""))).toBe(first);
  });
  it("stops interning an attribute past its limit of distinct values, still answering each value", () => {
    const intern = createInterners(2)("email");
    expect(["a", "b", "c", "a"].map(intern)).toEqual(["a", "b", "c", "a"]);
  });
});

describe("createListInterner()", () => {
  it("answers equal lists with one shared array and different ones apart", () => {
    const lists = createListInterner();
    const a = lists(["g1", "g2"]);
    expect(lists(["g1", "g2"])).toBe(a);
    expect(lists(["g2", "g1"])).not.toBe(a);
    expect(lists(["g2", "g1"])).toEqual(["g2", "g1"]);
  });
  it("freezes what it shares, so an edit in place throws instead of changing every holder", () => {
    const shared = createListInterner()(["g1"]);
    expect(() => shared.push("g2")).toThrow(TypeError);
  });
  it("keeps answering past its limit, with equal content", () => {
    const lists = createListInterner(1);
    lists(["a"]);
    expect(lists(["b"])).toEqual(["b"]);
    expect(lists(["b"])).toEqual(["b"]);
  });
});
