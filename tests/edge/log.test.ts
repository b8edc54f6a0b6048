/** The edge's log format: one event per line, data quoted and escaped so it cannot forge lines. */
import { describe, expect, it } from "vitest";
import { createLog, formatLine, formatValue } from "../../edge/log.ts";

const AT = new Date("2025-03-04T05:06:07.089Z");

describe("formatLine()", () => {
  it("writes time, level, event and key=value fields", () => {
    expect(formatLine(AT, "info", "request", { method: "GET", path: "/api/health", status: 200 })).toBe(
      "2025-03-04T05:06:07.089Z info request method=GET path=/api/health status=200",
    );
  });

  it("leaves out undefined fields and writes null as null", () => {
    expect(formatLine(AT, "warn", "hook-received", { refresh: null, skipped: undefined })).toBe(
      "2025-03-04T05:06:07.089Z warn hook-received refresh=null",
    );
  });

  it("forces event names and keys into tokens", () => {
    expect(formatLine(AT, "info", "bad event\n", { "a key=": 1 })).toBe("2025-03-04T05:06:07.089Z info bad_event_ a_key_=1");
  });
});

describe("formatValue()", () => {
  it.each([
    ["a plain token", "/api/rules/versions", "/api/rules/versions"],
    ["spaces", "two words", '"two words"'],
    ["an empty string", "", '""'],
    ["an equals sign", "a=b", '"a=b"'],
    ["quotes and backslashes", 'say "hi" \\', '"say \\"hi\\" \\\\"'],
    ["a line feed", "/api/x\n2025-01-01T00:00:00.000Z info admin-created", '"/api/x\\n2025-01-01T00:00:00.000Z info admin-created"'],
    ["a carriage return and tab", "a\r\tb", '"a\\r\\tb"'],
    ["NUL, ESC and DEL", "\u0000\u001b[31m\u007f", '"\\u0000\\u001b[31m\\u007f"'],
    ["a C1 next-line", "a\u0085b", '"a\\u0085b"'],
    ["line and paragraph separators", "a\u2028b\u2029c", '"a\\u2028b\\u2029c"'],
    ["a bidirectional override", "admin\u202egnp.exe", '"admin\\u202egnp.exe"'],
    ["other Unicode, kept", "Zoë Σ", '"Zoë Σ"'],
  ])("escapes %s", (_what, input, expected) => {
    expect(formatValue(input)).toBe(expected);
  });

  it("never lets a value contain a raw control or separator character", () => {
    let all = "";
    for (let c = 0; c < 0x3000; c++) all += String.fromCharCode(c);
    // deno-lint-ignore no-control-regex
    expect(formatValue(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });
});

describe("createLog()", () => {
  it("writes one formatted line per event, with its level", () => {
    const lines: [string, string][] = [];
    const log = createLog({ write: (line, level) => lines.push([line, level]), now: () => AT });
    log.info("a", { n: 1 });
    log.error("b");
    expect(lines).toEqual([
      ["2025-03-04T05:06:07.089Z info a n=1", "info"],
      ["2025-03-04T05:06:07.089Z error b", "error"],
    ]);
  });
});
