import { describe, expect, it } from "vitest";
import { nextLink, parseLinkHeader } from "../../../edge/okta/pagination.ts";

const ORG = "https://acme.okta.com";
const PAGE = `${ORG}/api/v1/users?limit=200`;

describe("parseLinkHeader()", () => {
  it.each([
    ["nothing", null, []],
    ["an empty header", "", []],
    ["one link", `<${ORG}/a?limit=2>; rel="self"`, [{ url: `${ORG}/a?limit=2`, rel: ["self"] }]],
    [
      "self and next joined by fetch with a comma",
      `<${ORG}/u?limit=200>; rel="self", <${ORG}/u?after=00u1&limit=200>; rel="next"`,
      [
        { url: `${ORG}/u?limit=200`, rel: ["self"] },
        { url: `${ORG}/u?after=00u1&limit=200`, rel: ["next"] },
      ],
    ],
    [
      "commas and semicolons inside the URL",
      `<${ORG}/u?filter=a,b;c&after=x>; rel="next", <${ORG}/s>; rel=self`,
      [
        { url: `${ORG}/u?filter=a,b;c&after=x`, rel: ["next"] },
        { url: `${ORG}/s`, rel: ["self"] },
      ],
    ],
    ["an unquoted rel", `<${ORG}/n>;rel=next`, [{ url: `${ORG}/n`, rel: ["next"] }]],
    ["several rels in one value", `<${ORG}/n>; rel="next last"`, [{ url: `${ORG}/n`, rel: ["next", "last"] }]],
    ["extra params, quoted commas", `<${ORG}/n>; title="a, b"; rel="NEXT"`, [{ url: `${ORG}/n`, rel: ["next"] }]],
    ["whitespace around everything", `  < ${ORG}/n >  ;  rel = "next"  ,  `, [{ url: `${ORG}/n`, rel: ["next"] }]],
    ["a link without rel", `<${ORG}/n>`, [{ url: `${ORG}/n`, rel: [] }]],
  ])("parses %s", (_name, header, expected) => {
    expect(parseLinkHeader(header).map(({ url, rel }) => ({ url, rel }))).toEqual(expected);
  });
});

describe("nextLink()", () => {
  it.each([
    ["no header", null, { kind: "none" }],
    ["only self", `<${PAGE}>; rel="self"`, { kind: "none" }],
    ["a next on the org", `<${PAGE}>; rel="self", <${ORG}/api/v1/users?after=00u9&limit=200>; rel="next"`, {
      kind: "next",
      url: `${ORG}/api/v1/users?after=00u9&limit=200`,
    }],
    ["a relative next, resolved against the page", `</api/v1/users?after=00u9>; rel="next"`, {
      kind: "next",
      url: `${ORG}/api/v1/users?after=00u9`,
    }],
    ["a next on another host", `<https://evil.example/api/v1/users?after=1>; rel="next"`, {
      kind: "cross-origin",
      url: "https://evil.example/api/v1/users?after=1",
    }],
    ["a next on the same host over http", `<http://acme.okta.com/api/v1/users?after=1>; rel="next"`, {
      kind: "cross-origin",
      url: "http://acme.okta.com/api/v1/users?after=1",
    }],
    ["a next on another port", `<https://acme.okta.com:8443/x>; rel="next"`, { kind: "cross-origin", url: "https://acme.okta.com:8443/x" }],
    ["a next that is not a URL", `<http://[bad>; rel="next"`, { kind: "invalid", url: "http://[bad" }],
  ])("%s", (_name, header, expected) => {
    expect(nextLink(header, PAGE, ORG)).toEqual(expected);
  });
});
