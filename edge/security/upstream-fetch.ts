/**
 * The fetch Okta and Genea clients get: it only talks to the one origin the connection
 * names and never follows redirects (a 3xx comes back as an answer, which the clients report
 * as final), so a compromised or spoofed upstream cannot bounce the edge and its
 * credentials somewhere else.
 */
export type Fetch = typeof fetch;

export function guardedFetch(base: Fetch, baseUrl: string, what: string): Fetch {
  const origin = new URL(baseUrl).origin;
  return (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== origin) {
      return Promise.reject(new Error(`${what} asked doorsync to call ${url.origin}, which is not the configured ${origin}; refused`));
    }
    return base(input, { ...init, redirect: "manual" });
  };
}
