/** Request helpers for the Okta sandbox specs (in-process via app.request). */
import type { Hono } from "hono";
import { TEST_API_TOKEN } from "../../../support/okta-seed.ts";

export const SSWS = { Authorization: `SSWS ${TEST_API_TOKEN}` };

export async function getJson(app: Hono, path: string, headers: Record<string, string> = SSWS) {
  const res = await app.request(path, { headers });
  const text = await res.text();
  return { res, status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** The `link` header lines of a response, as {rel: url}. */
export function links(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.get("link")?.split(/,\s*(?=<)/) ?? []) {
    const m = /^<([^>]+)>;\s*rel="(\w+)"$/.exec(line.trim());
    if (m) out[m[2]] = m[1];
  }
  return out;
}

export const ids = (body: unknown) => (body as { id: string }[]).map((x) => x.id);

/** Follow `next` links from `path` and collect every item id. */
export async function allPages(app: Hono, path: string, headers: Record<string, string> = SSWS) {
  const seen: string[] = [];
  let url: string | undefined = path;
  let pages = 0;
  while (url) {
    const { res, body, status } = await getJson(app, url, headers);
    if (status !== 200) throw new Error(`page ${pages} of ${path}: ${status} ${JSON.stringify(body)}`);
    seen.push(...ids(body));
    pages++;
    url = links(res).next;
  }
  return { ids: seen, pages };
}

export function postJson(app: Hono, path: string, body: unknown, method = "POST", headers: Record<string, string> = SSWS) {
  return app.request(path, { method, headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) });
}
