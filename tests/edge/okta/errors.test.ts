import { describe, expect, it } from "vitest";
import { errorFromResponse } from "../../../edge/okta/errors.ts";

const body = (errorCode: string, errorSummary = "x") =>
  JSON.stringify({ errorCode, errorSummary, errorLink: errorCode, errorId: "oae1", errorCauses: [] });

describe("errorFromResponse()", () => {
  it.each([
    [401, body("E0000011", "Invalid token provided"), {}, "invalid-token", "Okta rejected the API token for acme.okta.com (E0000011)"],
    [403, body("E0000005"), {}, "invalid-token", "Okta rejected the API token for acme.okta.com (E0000005"],
    [403, body("E0000006"), {}, "forbidden", "Okta denied /api/v1/groups on acme.okta.com (E0000006)"],
    [
      403,
      "",
      {
        "www-authenticate":
          'DPoP algs="ES256", realm="https://acme.okta.com", scope="okta.groups.read", error="insufficient_scope", error_description="x"',
      },
      "missing-scope",
      "lacks the scope okta.groups.read",
    ],
    [404, "<html>nope</html>", {}, "unknown-domain", "Could not reach acme.okta.com: /api/v1/groups answered 404"],
    [404, body("E0000007"), {}, "not-found", "(E0000007)"],
    [400, body("E0000031", "Invalid search criteria."), {}, "bad-request", "with 400 (E0000031): Invalid search criteria."],
    [429, body("E0000047"), {}, "rate-limited", "kept rate-limiting"],
    [503, body("E0000010"), {}, "server-error", "answered 503"],
    [
      401,
      "",
      { "www-authenticate": 'DPoP error="invalid_token", error_description="access_token_not_dpop_bound"' },
      "invalid-token",
      "access_token_not_dpop_bound",
    ],
  ])("maps %i %s to %s", (status, text, headers, code, message) => {
    const r = errorFromResponse("acme.okta.com", "/api/v1/groups", status, new Headers(headers), text);
    expect(r.error.code).toBe(code);
    expect(r.error.message).toContain(message);
    expect(r.error.status).toBe(status);
  });

  it("names the missing scope as data too", () => {
    const r = errorFromResponse(
      "a",
      "/p",
      403,
      new Headers({ "www-authenticate": 'Bearer scope="okta.users.read", error="insufficient_scope"' }),
      "",
    );
    expect(r.error).toMatchObject({ code: "missing-scope", scope: "okta.users.read" });
  });
});
