import { describe, expect, it } from "vitest";

async function read(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const pieces: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) pieces.push(r.value);
  return pieces;
}
import { ifRangeHolds, matchesEtag, parseRange, sliceStream } from "../../../edge/routes/byte-range.ts";

const E = `"${"ab".repeat(32)}"`;

describe("parseRange()", () => {
  it.each([
    ["bytes=0-99", { kind: "range", start: 0, end: 99 }],
    ["bytes=100-", { kind: "range", start: 100, end: 999 }],
    ["bytes=-50", { kind: "range", start: 950, end: 999 }],
    ["bytes=-5000", { kind: "range", start: 0, end: 999 }],
    ["bytes=990-5000", { kind: "range", start: 990, end: 999 }],
    ["bytes=999-999", { kind: "range", start: 999, end: 999 }],
    ["Bytes = 5-9", { kind: "range", start: 5, end: 9 }],
    ["bytes=5-9,", { kind: "range", start: 5, end: 9 }],
  ])("serves %s as one clamped range", (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });

  it.each([
    ["bytes=1000-"],
    ["bytes=1000-1001"],
    ["bytes=-0"],
  ])("finds %s unsatisfiable", (header) => {
    expect(parseRange(header, 1000)).toEqual({ kind: "unsatisfiable" });
  });

  it.each([
    ["no header", undefined],
    ["another unit", "items=0-9"],
    ["no unit", "0-9"],
    ["a last position before the first", "bytes=9-5"],
    ["several ranges", "bytes=0-9,20-29"],
    ["not numbers", "bytes=a-b"],
    ["an empty set", "bytes="],
    ["a negative start", "bytes=--5"],
  ])("asks for the whole with %s", (_, header) => {
    expect(parseRange(header, 1000)).toEqual({ kind: "whole" });
  });

  it("finds every range of an empty representation unsatisfiable", () => {
    expect(parseRange("bytes=-1", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
  });
});

describe("matchesEtag()", () => {
  it.each(
    [
      [E, "weak", true],
      [E, "strong", true],
      [`W/${E}`, "weak", true],
      [`W/${E}`, "strong", false],
      [`"other", ${E}`, "strong", true],
      ["*", "strong", true],
      [`"other"`, "weak", false],
      [E.slice(1, -1), "strong", false],
    ] as const,
  )("%s with %s comparison: %s", (header, comparison, expected) => {
    expect(matchesEtag(header, E, comparison)).toBe(expected);
  });

  it("matches nothing without a header", () => expect(matchesEtag(undefined, E, "strong")).toBe(false));
});

describe("ifRangeHolds()", () => {
  it.each([
    [undefined, true],
    [E, true],
    [` ${E} `, true],
    [`W/${E}`, false],
    [`"other"`, false],
    ["Sat, 28 Nov 2026 10:00:00 GMT", false],
  ])("If-Range %s: %s", (header, expected) => expect(ifRangeHolds(header, E)).toBe(expected));
});

describe("sliceStream()", () => {
  it("streams views of the bytes, never a copy, in pieces", async () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 256);
    const pieces = await read(sliceStream(bytes, 10, 610, 256));
    expect(pieces.map((p) => p.length)).toEqual([256, 256, 88]);
    expect(pieces.every((p) => p.buffer === bytes.buffer)).toBe(true);
    expect(Buffer.concat(pieces)).toEqual(Buffer.from(bytes.subarray(10, 610)));
  });

  it("ends at once for an empty slice", async () => {
    expect(await read(sliceStream(new Uint8Array(4), 4, 4))).toEqual([]);
  });
});
