import { describe, expect, it } from "vitest";
import { plainMessage } from "../../web/state/wording.ts";

describe("plainMessage()", () => {
  it.each([
    [
      "Could not reach acme.okta.com: error sending request for url (https://acme.okta.com/api/v1/users/me): client error (Connect): dns error: failed to lookup address information: Name or service not known",
      "Could not reach acme.okta.com: no such host name exists; check the domain for typos.",
    ],
    [
      "Could not reach api.sequr.io: Connection refused (os error 111) (reading the catalog, 3 attempts)",
      "Could not reach api.sequr.io: nothing accepts connections at that address (reading the catalog, 3 attempts).",
    ],
    [
      "The connection to acme.okta.com kept failing (connection reset by peer); gave up after 4 attempts",
      "Could not reach acme.okta.com: the connection was cut off; try again.",
    ],
    ["Okta rejected the API token for acme.okta.com (E0000011)", "Okta rejected the API token for acme.okta.com (E0000011)"],
  ])("rephrases %j", (raw, plain) => expect(plainMessage(raw)).toBe(plain));
});
