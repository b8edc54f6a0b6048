/**
 * Cursor paging as Okta does it: `limit` + an opaque `after`, and one `link` header line each
 * for `self` and `next`, carrying the original query. User and group cursors wrap the last
 * id (base64url) so clients can't build them.
 */
import type { Context } from "hono";
import { base64urlDecode, base64urlEncode, fromUtf8, utf8 } from "./ids.ts";
import type { OktaFailure } from "./errors.ts";
import { indexAfter } from "./store.ts";

export interface LimitRule {
  default: number;
  max: number;
  min?: number;
}

/** `limit` from the query: above max is capped (as Okta does), below min or not a number is invalid. */
export function readLimit(c: Context, rule: LimitRule): number | OktaFailure {
  const raw = c.req.query("limit");
  if (raw === undefined || raw === "") return rule.default;
  if (!/^-?\d+$/.test(raw)) return { code: "E0000029", causes: [`limit: ${raw} is not a number`] };
  const n = Number(raw);
  if (n < (rule.min ?? 1)) return { code: "E0000029", causes: [`limit: must be at least ${rule.min ?? 1}`] };
  return Math.min(n, rule.max);
}

export const encodeCursor = (id: string) => base64urlEncode(utf8(`c1:${id}`));
export function decodeCursor(cursor: string): string | undefined {
  const bytes = base64urlDecode(cursor);
  if (!bytes) return undefined;
  const text = fromUtf8(bytes);
  return text.startsWith("c1:") ? text.slice(3) : undefined;
}

export const isFailure = (x: unknown): x is OktaFailure =>
  typeof x === "object" && x !== null && "code" in x && typeof (x as { code: unknown }).code === "string";

/** One page of an id-sorted list after the request's cursor, with self/next links set. */
export function pageOf<T extends { id: string }>(c: Context, sorted: readonly T[], limit: number): T[] | OktaFailure {
  const after = c.req.query("after");
  let start = 0;
  if (after !== undefined) {
    const id = decodeCursor(after);
    if (id === undefined) return { code: "E0000029", causes: ["after: not a cursor this server issued"] };
    start = indexAfter(sorted, id);
  }
  const page = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  setLinks(c, more && page.length > 0 ? encodeCursor(page[page.length - 1].id) : undefined);
  return page;
}

/** `link: <self>; rel="self"` and, with a cursor, `link: <…after=cursor>; rel="next"`. */
export function setLinks(c: Context, nextCursor: string | undefined, drop: string[] = []): void {
  const url = new URL(c.req.url);
  c.header("link", `<${url.toString()}>; rel="self"`, { append: true });
  if (nextCursor === undefined) return;
  const next = new URL(url.toString());
  for (const name of drop) next.searchParams.delete(name);
  next.searchParams.set("after", nextCursor);
  c.header("link", `<${next.toString()}>; rel="next"`, { append: true });
}
