import { describe, expect, it } from "vitest";
import { emptyRuleSet, type RuleSet } from "../../../shared/rules/model.ts";
import { compress, encodeBase64Url, seal } from "../../../shared/codecs/index.ts";
import { decodeShareLink, encodeShareLink, SHARE_LINK_MAX_BYTES, tryEncodeShareLink } from "../../../shared/share/index.ts";
import { worldRuleSet } from "../../support/outcomes.ts";
import { aRule, aRuleSet, attr, grant, hasStatus, inGroups } from "../../support/rules.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);
/** A link carrying arbitrary bytes as its (compressed) payload. */
const linkOf = (payload: Uint8Array | string, version = "v1") =>
  `https://doorsync.example/rules#rules=${version}.${
    encodeBase64Url(seal(compress(typeof payload === "string" ? utf8(payload) : payload)))
  }`;

/** 10 properties × 10 rules with realistic conditions: ~55 KB of JSON. */
function realisticRuleSet(): RuleSet {
  const properties: Record<string, ReturnType<typeof aRule>[]> = {};
  for (let p = 0; p < 10; p++) {
    properties[`5f0c8a1e-0000-4000-8000-${String(p).padStart(12, "0")}`] = Array.from({ length: 10 }, (_, r) =>
      aRule({
        id: `rule-${p}-${r}`,
        name: `Office ${p} — team ${r}`,
        match: r % 2 ? "any" : "all",
        conditions: [
          inGroups("any", `00g${p}${r}aaaaaaaaaaaaa`, `00g${p}${r}bbbbbbbbbbbbb`),
          attr("department", "oneOf", ["Engineering", "Facilities", `Team ${r}`]),
          attr("title", "matches", `^(Senior |Staff )?Engineer ${r}$`),
          hasStatus("ACTIVE", "PASSWORD_EXPIRED"),
        ],
        actions: r === 9
          ? { kind: "exclude" }
          : grant({ accessGroupIds: [`ag-${p}-main`, `ag-${p}-${r}`], roleId: "role-user", mobileKey: r % 3 === 0, wallet: r % 4 === 0 }),
      }));
  }
  return aRuleSet(properties);
}

const unicodeRuleSet = (): RuleSet =>
  aRuleSet({
    "loc-東京": [
      aRule({
        id: "r-ü",
        name: "Büro 🚪 東京 — «Zutritt»",
        conditions: [attr("city", "equals", "Zürich 🇨🇭"), attr("title", "startsWith", '\u0000\u2028"quoted"\\')],
      }),
    ],
  });

describe("encodeShareLink() / decodeShareLink()", () => {
  it.each([
    { name: "an empty rule set", ruleSet: emptyRuleSet() },
    { name: "a small rule set", ruleSet: worldRuleSet() },
    { name: "unicode names and values", ruleSet: unicodeRuleSet() },
    { name: "a large realistic rule set", ruleSet: realisticRuleSet() },
  ])("round-trips $name", ({ ruleSet }) => {
    const link = encodeShareLink(ruleSet, "https://doorsync.example/rules");
    expect(link).toMatch(/^https:\/\/doorsync\.example\/rules#rules=v1\.[A-Za-z0-9_-]+$/);
    expect(decodeShareLink(link)).toEqual({ ok: true, value: ruleSet });
  });

  it("keeps a large rule set short by compressing it", () => {
    const ruleSet = realisticRuleSet();
    expect(JSON.stringify(ruleSet).length).toBeGreaterThan(40_000);
    expect(encodeShareLink(ruleSet).length).toBeLessThan(JSON.stringify(ruleSet).length / 4);
  });

  it("replaces a fragment already on the base URL, and works without one", () => {
    expect(encodeShareLink(emptyRuleSet(), "https://x.example/a#old")).toMatch(/^https:\/\/x\.example\/a#rules=v1\./);
    expect(encodeShareLink(emptyRuleSet())).toMatch(/^#rules=v1\./);
  });

  it.each([
    { name: "a full link", form: (l: string) => l },
    { name: "the #fragment", form: (l: string) => l.slice(l.indexOf("#")) },
    { name: "a bare rules= value", form: (l: string) => l.slice(l.indexOf("#") + 1) },
    { name: "a fragment with other parameters", form: (l: string) => `https://x.example/#tab=2&${l.slice(l.indexOf("#") + 1)}` },
    { name: "surrounding whitespace", form: (l: string) => `  ${l}\n` },
  ])("accepts $name", ({ form }) => {
    const ruleSet = worldRuleSet();
    expect(decodeShareLink(form(encodeShareLink(ruleSet, "https://d.example/")))).toEqual({ ok: true, value: ruleSet });
  });

  it("refuses to encode a rule set over the size limit", () => {
    const huge = aRuleSet({ hq: Array.from({ length: 400 }, (_, i) => aRule({ id: `r${i}`, name: `${i}`.padEnd(190, "x") })) });
    const made = tryEncodeShareLink(huge);
    expect(made.ok).toBe(false);
    if (!made.ok) {
      expect(made.error).toMatchObject({ code: "too-large", message: expect.stringMatching(/share links carry at most 65536/) });
    }
    expect(() => encodeShareLink(huge)).toThrow(RangeError);
  });
});

describe("decodeShareLink() with bad input", () => {
  const link = encodeShareLink(worldRuleSet(), "https://doorsync.example/rules");
  const payloadStart = link.indexOf("v1.") + 3;
  const code = (input: string) => {
    const r = decodeShareLink(input);
    return r.ok ? "ok" : r.error.code;
  };

  it("refuses every truncation of a link", () => {
    for (let n = 0; n < link.length; n++) expect(code(link.slice(0, n)), `first ${n} characters`).toBe("malformed");
  });

  it("detects every changed character in the payload (CRC-32 over the compressed bytes)", () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (let i = payloadStart; i < link.length; i++) {
      for (let shift = 1; shift < 64; shift++) {
        const c = alphabet[(alphabet.indexOf(link[i]) + shift) % 64];
        expect(code(link.slice(0, i) + c + link.slice(i + 1)), `character ${i} → ${c}`).toBe("malformed");
      }
    }
  });

  it.each([
    "",
    "https://doorsync.example/rules",
    "https://doorsync.example/rules#",
    "#rulez=v1.eJwDAAAAAAE",
    "#rules=",
    "#rules=v1",
    "#rules=x1.eJwDAAAAAAE",
    "#rules=v01.eJwDAAAAAAE",
    "#rules=v0.eJwDAAAAAAE",
    "#rules=v1.eJw+AAAAAAE",
    "#rules=v1.eJwDAAAAAAE=",
    "#rules=v1.not base64",
  ])("calls %j malformed", (input) => {
    expect(code(input)).toBe("malformed");
  });

  it("says a newer doorsync made a link with a future format version", () => {
    const r = decodeShareLink(link.replace("#rules=v1.", "#rules=v2."));
    expect(r).toMatchObject({ ok: false, error: { code: "future-version", message: expect.stringMatching(/newer doorsync/) } });
  });

  it("says a newer doorsync made a rule set with a future schema version", () => {
    expect(code(linkOf(JSON.stringify({ ...worldRuleSet(), schemaVersion: 2 })))).toBe("future-version");
  });

  it.each([
    { name: "not JSON", payload: "{not json" },
    { name: "not UTF-8", payload: Uint8Array.from([0x22, 0xff, 0xfe, 0x22]) },
  ])("calls a well-compressed payload that is $name malformed", ({ payload }) => {
    expect(code(linkOf(payload))).toBe("malformed");
  });

  it("names the path of a schema error", () => {
    const bad = worldRuleSet();
    const rules = bad.properties["loc-hq"].rules;
    rules[1] = { ...rules[1], actions: { ...grant(), accessGroupIds: [""] } };
    const r = decodeShareLink(linkOf(JSON.stringify(bad)));
    expect(r).toMatchObject({
      ok: false,
      error: { code: "invalid", message: expect.stringContaining("properties.loc-hq.rules[1].actions.accessGroupIds[0]") },
    });
  });

  it("calls JSON that is not a rule set invalid", () => {
    expect(code(linkOf("[1,2,3]"))).toBe("invalid");
    expect(code(linkOf("null"))).toBe("invalid");
  });

  it("refuses a zip bomb: 10 MiB of zeros in a small link", () => {
    const bomb = linkOf(new Uint8Array(10 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(20_000);
    expect(code(bomb)).toBe("too-large");
  });

  it("enforces the limit exactly", () => {
    expect(code(linkOf(" ".repeat(SHARE_LINK_MAX_BYTES)))).toBe("malformed"); // within the limit, but not JSON
    expect(code(linkOf(" ".repeat(SHARE_LINK_MAX_BYTES + 1)))).toBe("too-large");
  });

  it("refuses a correct CRC-32 over a damaged zlib stream", () => {
    const z = compress(utf8(JSON.stringify(worldRuleSet())));
    z[z.length - 1] ^= 1; // Adler-32 no longer matches
    expect(code(`#rules=v1.${encodeBase64Url(seal(z))}`)).toBe("malformed");
  });

  it("refuses an overlong link before decoding it", () => {
    expect(code(`#rules=v1.${"A".repeat(100_000)}`)).toBe("too-large");
  });
});
