/**
 * The web app's API client over HTTP against a real edge process: a fetch that keeps the
 * edge's cookies like a browser tab does, so each `tab()` is its own signed-in session.
 */
import { type Api, createApi } from "../../web/state/api.ts";
import { createCookieJar } from "./cookie-jar.ts";
import type { EdgeProcess } from "./edge-process.ts";

/** A fetch with its own cookie jar; `inFlight` counts requests matching `watch` that are open now. */
export function tabFetch(watch?: (method: string, url: string) => boolean) {
  const jar = createCookieJar();
  const stats = { inFlight: 0, maxInFlight: 0, sent: 0 };
  const f: typeof fetch = async (input, init = {}) => {
    const url = String(input);
    const headers = new Headers(init.headers);
    const cookie = jar.header();
    if (cookie) headers.set("cookie", cookie);
    const watched = watch?.(init.method ?? "GET", url) ?? false;
    if (watched) (stats.sent++, stats.inFlight++, (stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)));
    try {
      const res = await fetch(url, { ...init, headers });
      jar.take(res);
      return res;
    } finally {
      if (watched) stats.inFlight--;
    }
  };
  return { fetch: f, stats };
}

/** A signed-in tab: createApi over its own cookie jar (sets the admin up when none exists); `edge` may be a proxy in front of one. */
export async function signedInTab(
  edge: Pick<EdgeProcess, "url">,
  password: string,
  watch?: (method: string, url: string) => boolean,
): Promise<{ api: Api; stats: ReturnType<typeof tabFetch>["stats"] }> {
  const { fetch, stats } = tabFetch(watch);
  const api = createApi({ fetch, baseUrl: edge.url });
  const session = await api.session();
  if (!session.ok) throw new Error(session.error.message);
  const signed = session.value.state === "setup-required"
    ? await api.setup({ username: "admin", password })
    : await api.signIn({ username: "admin", password });
  if (!signed.ok) throw new Error(signed.error.message);
  return { api, stats };
}
