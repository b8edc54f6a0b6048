/**
 * A browser's cookie jar for the test clients: the edge's Set-Cookie headers fill it (an
 * expired or emptied cookie leaves it), and every request carries what it holds.
 */
export interface CookieJar {
  /** name → value, as held now */
  readonly cookies: Map<string, string>;
  /** the Cookie header to send, or null when the jar is empty */
  header(): string | null;
  /** keep what a response sets */
  take(res: Response): void;
}

export function createCookieJar(cookies = new Map<string, string>()): CookieJar {
  return {
    cookies,
    header: () => (cookies.size > 0 ? [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") : null),
    take(res) {
      for (const line of res.headers.getSetCookie()) {
        const [pair, ...attrs] = line.split(";");
        const [name, value] = [pair.slice(0, pair.indexOf("=")).trim(), pair.slice(pair.indexOf("=") + 1).trim()];
        const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
        if (expired || value === "") cookies.delete(name);
        else cookies.set(name, value);
      }
    },
  };
}
