/**
 * Read every page of a list: follow `Link: rel="next"` exactly as given until there is
 * none. Each page is validated; a next link off the org's origin, a repeated link or any
 * failed page fails the whole list — a partial list is never returned as complete.
 */
import * as v from "valibot";
import { ok, type Result } from "../../shared/result.ts";
import { validate } from "../../shared/validate.ts";
import { type OktaErrorCode, oktaFail, type OktaFailure } from "./errors.ts";
import { type Auth, getJson, type OktaTransport } from "./http.ts";
import { nextLink } from "./pagination.ts";

export interface ReadContext {
  transport: OktaTransport;
  auth: Auth;
  /** First failure of a multi-list read; set, it stops the other lists at their next page. */
  failure: OktaFailure | null;
}

export function createReadContext(transport: OktaTransport, auth: Auth): ReadContext {
  return { transport, auth, failure: null };
}

/** Record a failure (the first one wins) and return it. */
export function stop(ctx: ReadContext, f: OktaFailure): OktaFailure {
  ctx.failure ??= f;
  return ctx.failure;
}

/** Await a list read; a failure stops the read's other lists. */
export async function guard<T>(ctx: ReadContext, p: Promise<Result<T, OktaErrorCode>>): Promise<Result<T, OktaErrorCode>> {
  const r = await p;
  return r.ok ? r : stop(ctx, r);
}

export async function readPages<S extends v.GenericSchema>(
  ctx: ReadContext,
  firstUrl: string,
  item: S,
  what: string,
  onPage?: (items: v.InferOutput<S>[]) => void,
): Promise<Result<v.InferOutput<S>[], OktaErrorCode>> {
  const all: v.InferOutput<S>[] = [];
  const done = await eachPage(ctx, firstUrl, item, what, (items) => {
    for (const x of items) all.push(x);
    onPage?.(items);
    return Promise.resolve(ok(null));
  });
  return done.ok ? ok(all) : done;
}

/**
 * Reads a list page by page without keeping it: `onPage` gets each validated page and the
 * link to the page after it (null on the last), and may stop the read by answering a failure.
 */
export async function eachPage<S extends v.GenericSchema>(
  ctx: ReadContext,
  firstUrl: string,
  item: S,
  what: string,
  onPage: (items: v.InferOutput<S>[], next: string | null) => Promise<Result<null, OktaErrorCode>>,
): Promise<Result<null, OktaErrorCode>> {
  const t = ctx.transport;
  const page = v.array(item);
  const seen = new Set<string>();
  let url: string | null = firstUrl;
  while (url !== null) {
    if (ctx.failure) return ctx.failure;
    seen.add(url);
    const got = await getJson(t, url, ctx.auth);
    if (!got.ok) return got;
    const path = new URL(url).pathname;
    const checked = validate(page, got.value.body, `${what} page from ${path}`);
    if (!checked.ok) return oktaFail("malformed-response", `${t.host}: ${checked.error.message}`);
    const next = nextLink(got.value.answer.headers.get("link"), url, t.origin);
    if (next.kind === "next" && seen.has(next.url)) {
      return oktaFail("malformed-response", `${t.host} sent ${path} round in a circle: next link ${next.url} was already read`);
    }
    if (next.kind === "cross-origin") {
      return oktaFail(
        "cross-origin-link",
        `Refused to follow a next link from ${t.host}${path} to another origin (${
          new URL(next.url).origin
        }): the token is only sent to ${t.origin}`,
      );
    }
    if (next.kind !== "none" && next.kind !== "next") {
      return oktaFail("malformed-response", `${t.host} sent an unparseable next link on ${path}: ${next.url}`);
    }
    url = next.kind === "next" ? next.url : null;
    const taken = await onPage(checked.value, url);
    if (!taken.ok) return taken;
  }
  return ok(null);
}

/** Run `task` over `items` with at most `width` at once; a failure stops the read (no new tasks start). */
export async function forEachLimited<T>(
  ctx: ReadContext,
  items: readonly T[],
  width: number,
  task: (item: T) => Promise<Result<unknown, OktaErrorCode>>,
): Promise<Result<null, OktaErrorCode>> {
  let i = 0;
  const worker = async () => {
    while (i < items.length && !ctx.failure) {
      const item = items[i++];
      const r = await task(item);
      if (!r.ok) stop(ctx, r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker));
  return ctx.failure ?? ok(null);
}
