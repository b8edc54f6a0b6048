import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  decodeDirectory,
  decodeDirectoryColumns,
  type Directory,
  directoryEtag,
  DirectorySchema,
  encodeDirectory,
  MAX_DIRECTORY_BYTES,
  OKTA_STATUSES,
  type ProfileValue,
  recordsOf,
  sha256Hex,
} from "../../../shared/directory/index.ts";
import { ByteWriter, compress, seal } from "../../../shared/codecs/index.ts";
import { anyDirectory, directory as smallDirectory } from "../../support/arbitraries.ts";
import { aDirectory, aGroup, aUser } from "../../support/directory.ts";

const sample = (): Directory =>
  aDirectory(
    [
      aUser({
        id: "00u1",
        email: "ann@example.com",
        profile: { firstName: "Ann", skills: ["a", "b"], title: null, empty: [] },
        groupIds: ["00g1", "00g2"],
        lastUpdated: "2026-01-01T00:00:00Z",
      }),
      aUser({
        id: "00u2",
        status: "DEPROVISIONED",
        email: null,
        profile: { city: "Zürich 🇨🇭", 東京: "\u2028" },
        groupIds: ["00g2", "00g-unknown"],
      }),
    ],
    [aGroup("00g1", "Engineering"), { id: "00g2", name: "App", type: "APP_GROUP" }],
  );

/** A snapshot around a hand-written body, to reach states encodeDirectory never writes. */
function snapshot(
  body: (w: ByteWriter) => void,
  strings: string[],
  opts: { version?: number; size?: number; lengths?: number[]; table?: Uint8Array } = {},
): Uint8Array {
  const w = new ByteWriter();
  w.uint(strings.length);
  for (const n of opts.lengths ?? strings.map((s) => s.length)) w.uint(n);
  w.bytes(opts.table ?? new TextEncoder().encode(strings.join("")));
  body(w);
  const raw = w.finish();
  const header = new ByteWriter();
  for (const b of [0x44, 0x53, 0x44, 0x49, 0x52, opts.version ?? 1]) header.byte(b);
  header.uint(opts.size ?? raw.length);
  const z = compress(raw);
  const h = header.finish();
  const out = new Uint8Array(h.length + z.length);
  out.set(h);
  out.set(z, h.length);
  return seal(out);
}

/** A body with one user: strings ["t", "u1", "k", "v"]. */
const oneUser =
  (user: Partial<Record<"id" | "status" | "email" | "updated" | "profileCount", number>> = {}, after?: (w: ByteWriter) => void) =>
  (w: ByteWriter) => {
    w.uint(0); // fetchedAt "t"
    w.uint(0); // no groups
    w.uint(1);
    w.uint(user.id ?? 1);
    w.uint(user.status ?? 2);
    w.uint(user.email ?? 0);
    w.uint(user.updated ?? 0);
    w.uint(user.profileCount ?? 1);
    w.uint(2); // key "k"
    w.uint(3 + 2); // value "v"
    w.uint(0); // no groups
    after?.(w);
  };
const STRINGS = ["t", "u1", "k", "v"];
/** What a decoder says of the bytes; both decoders must say the same. */
const code = (bytes: Uint8Array) => {
  const said = (r: { ok: true } | { ok: false; error: { code: string } }) => (r.ok ? "ok" : r.error.code);
  const records = said(decodeDirectory(bytes));
  expect(said(decodeDirectoryColumns(bytes))).toBe(records);
  return records;
};

describe("encodeDirectory() / decodeDirectory()", () => {
  it("decodes into columns what it decodes into records, and encodes columns as it encodes their records", () => {
    fc.assert(
      fc.property(fc.oneof(anyDirectory, smallDirectory), (d) => {
        const columns = decodeDirectoryColumns(encodeDirectory(d));
        if (!columns.ok) throw new Error(columns.error.message);
        expect(recordsOf(columns.value)).toEqual(d);
        expect(decodeDirectory(encodeDirectory(columns.value))).toEqual({ ok: true, value: d });
      }),
    );
  });

  it("round-trips a directory exactly (nulls, arrays, unicode, optional fields, order)", () => {
    const d = sample();
    expect(decodeDirectory(encodeDirectory(d))).toEqual({ ok: true, value: d });
  });

  it("round-trips an empty directory", () => {
    const d = aDirectory([]);
    expect(decodeDirectory(encodeDirectory(d))).toEqual({ ok: true, value: d });
  });

  it("round-trips random directories, and what it decodes satisfies DirectorySchema", () => {
    fc.assert(
      fc.property(fc.oneof(anyDirectory, smallDirectory), (d) => {
        const r = decodeDirectory(encodeDirectory(d));
        expect(r).toEqual({ ok: true, value: d });
        if (r.ok) expect(v.safeParse(DirectorySchema, r.value).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a __proto__ profile attribute as data", () => {
    const profile = JSON.parse('{"__proto__": "x", "a": "b"}') as Record<string, ProfileValue>;
    const r = decodeDirectory(encodeDirectory(aDirectory([aUser({ id: "u", profile })])));
    expect(r.ok && Object.getPrototypeOf(r.value.users[0].profile)).toBe(Object.prototype);
    expect(r.ok && Object.entries(r.value.users[0].profile)).toEqual([["__proto__", "x"], ["a", "b"]]);
  });

  it("replaces lone surrogates (not Unicode text) with U+FFFD", () => {
    const r = decodeDirectory(encodeDirectory(aDirectory([aUser({ id: "u", profile: { a: "x\ud800y" } })])));
    expect(r.ok && r.value.users[0].profile.a).toBe("x\ufffdy");
  });

  it("stores 100,000 users in a few MB", () => {
    const groups = Array.from({ length: 300 }, (_, i) => aGroup(`00g${String(i).padStart(17, "0")}`, `Group ${i}`));
    const users = Array.from({ length: 100_000 }, (_, i) =>
      aUser({
        id: `00u${(i * 7919).toString(36).padStart(17, "x")}`,
        email: `user${i}@acme.example.com`,
        profile: {
          login: `user${i}@acme.example.com`,
          firstName: `First${i % 500}`,
          lastName: `Last${i % 900}`,
          department: `Dept ${i % 7}`,
          title: `Title ${i % 40}`,
          employeeNumber: String(100000 + i),
          mobilePhone: `+1 555 ${String(i).padStart(7, "0")}`,
        },
        groupIds: Array.from({ length: 5 + (i % 10) }, (_, k) => groups[(i * 31 + k * 17) % 300].id),
        lastUpdated: new Date(1_700_000_000_000 + i * 1000).toISOString(),
      }));
    const d = aDirectory(users, groups);
    const bytes = encodeDirectory(d);
    expect(bytes.length).toBeLessThan(5 * 1024 * 1024);
    const r = decodeDirectory(bytes);
    expect(r.ok && r.value.users[99_999]).toEqual(users[99_999]);
  }, 120_000); // a size check, not a speed check: generous for a loaded CI machine
});

describe("decodeDirectory() with bad input", () => {
  const good = encodeDirectory(sample());

  it("accepts the hand-written control snapshot", () => {
    expect(decodeDirectory(snapshot(oneUser(), STRINGS))).toEqual({
      ok: true,
      value: { fetchedAt: "t", groups: [], users: [{ id: "u1", status: "ACTIVE", email: null, profile: { k: "v" }, groupIds: [] }] },
    });
  });

  it("refuses every truncation", () => {
    for (let n = 0; n < good.length; n++) expect(code(good.subarray(0, n)), `first ${n} bytes`).toBe("malformed");
  });

  it("refuses every changed byte", () => {
    for (let i = 0; i < good.length; i++) {
      const bad = good.slice();
      bad[i] ^= 0x5a;
      expect(code(bad), `byte ${i}`).not.toBe("ok");
    }
  });

  it("refuses trailing bytes after the snapshot", () => {
    expect(code(Uint8Array.from([...good, 0]))).toBe("malformed");
  });

  it("says a newer doorsync wrote a future format version", () => {
    const future = good.slice();
    future[5] = 2; // whatever follows: a newer layout may not even have the checksum
    expect(decodeDirectory(future)).toMatchObject({
      ok: false,
      error: { code: "future-version", message: expect.stringMatching(/newer doorsync/) },
    });
  });

  it.each<{ name: string; bytes: () => Uint8Array }>([
    { name: "not a snapshot", bytes: () => new TextEncoder().encode('{"users":[]}') },
    { name: "format version 0", bytes: () => snapshot(oneUser(), STRINGS, { version: 0 }) },
    { name: "a wrong inflated size", bytes: () => snapshot(oneUser(), STRINGS, { size: 5 }) },
    { name: "an inflated size over the limit", bytes: () => snapshot(oneUser(), STRINGS, { size: MAX_DIRECTORY_BYTES + 1 }) },
    { name: "an inflated size deflate cannot reach", bytes: () => snapshot(oneUser(), STRINGS, { size: 1_000_000 }) },
    { name: "a string index out of range", bytes: () => snapshot(oneUser({ id: 4 }), STRINGS) },
    { name: "an unknown status code", bytes: () => snapshot(oneUser({ status: OKTA_STATUSES.length }), STRINGS) },
    { name: "an email index out of range", bytes: () => snapshot(oneUser({ email: 5 }), STRINGS) },
    { name: "a count larger than the data", bytes: () => snapshot(oneUser({ profileCount: 1000 }), STRINGS) },
    { name: "bytes after the last user", bytes: () => snapshot(oneUser({}, (w) => w.uint(7)), STRINGS) },
    { name: "string lengths that do not add up", bytes: () => snapshot(oneUser(), STRINGS, { lengths: [1, 2, 1, 2] }) },
    {
      name: "a string table that is not UTF-8",
      bytes: () => snapshot(oneUser(), STRINGS, { table: Uint8Array.from([0x74, 0x75, 0x31, 0x6b, 0xff]) }),
    },
  ])("calls a snapshot with $name malformed", ({ bytes }) => {
    expect(code(bytes())).toBe("malformed");
  });

  it("calls a readable snapshot with an empty user id invalid, naming the path", () => {
    const r = decodeDirectory(snapshot(oneUser({ id: 4 }), [...STRINGS, ""]));
    expect(r).toMatchObject({
      ok: false,
      error: { code: "invalid", message: "Invalid directory snapshot at users[0].id: must not be empty" },
    });
  });
});

describe("directoryEtag()", () => {
  it.each([
    ["", "cbf29ce484222325"],
    ["a", "af63dc4c8601ec8c"],
    ["foobar", "85944171f73967e8"],
  ])("is the 64-bit FNV-1a of %j", (input, hex) => {
    expect(directoryEtag(new TextEncoder().encode(input))).toBe(hex);
  });

  it("changes with the bytes", () => {
    const a = encodeDirectory(sample());
    const b = encodeDirectory({ ...sample(), fetchedAt: "2026-01-02T00:00:00.000Z" });
    expect(directoryEtag(a)).not.toBe(directoryEtag(b));
    expect(directoryEtag(a)).toBe(directoryEtag(encodeDirectory(sample())));
  });
});

describe("sha256Hex()", () => {
  it("is the SHA-256 of the bytes", async () => {
    expect(await sha256Hex(new TextEncoder().encode("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
