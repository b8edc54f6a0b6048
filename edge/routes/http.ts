/**
 * The one error shape, the one way to read a request body, and routes registered from the
 * route table (shared/api/table.ts): every error is `{ "error": { "code", "message" } }` with
 * the status shared/api/errors.ts gives its code; bodies must be JSON, within a size limit,
 * and match their (strict) schema.
 */
import type { Context, Hono } from "hono";
import * as v from "valibot";
import { type ApiErrorCode, ERROR_STATUS } from "../../shared/api/errors.ts";
import type { RouteCode, RouteSpec } from "../../shared/api/table.ts";
import { validate } from "../../shared/validate.ts";
import { fail, type Failure, ok, type Result } from "../../shared/result.ts";
import type { Session } from "../auth/sessions.ts";

export type AppEnv = { Variables: { session: Session | null; sessionToken: string | null } };
export type AppContext = Context<AppEnv>;

export const BODY_LIMIT = 256 * 1024;
export const RULESET_BODY_LIMIT = 1024 * 1024 + 16 * 1024;

/** A failure the edge can answer with: a code from the shared table, a message, and extra fields for the body. */
export type ApiFailure = Failure<ApiErrorCode> & Record<string, unknown>;

type HeaderMap = Record<string, string>;
/** An error to answer: a failure value (and headers), or a code, its message (and headers). */
type ErrorArgs<C extends ApiErrorCode> =
  | [error: Failure<C> & Record<string, unknown>, headers?: HeaderMap]
  | [code: C, message: string, headers?: HeaderMap];

/**
 * The one way an error is answered: `{ "error": { ...extra, code, message } }` with the status
 * the shared table gives its code. Validation `issues` stay on the edge (the message names the first one).
 */
export function errorResponse(c: Context, ...args: ErrorArgs<ApiErrorCode>): Response {
  const [first, second, third] = args;
  const [error, headers]: [ApiFailure, HeaderMap | undefined] = typeof first === "string"
    ? [{ code: first, message: typeof second === "string" ? second : "" }, third]
    : [first, typeof second === "object" ? second : undefined];
  const { code, message, issues: _issues, ...extra } = error;
  return c.json({ error: { ...extra, code, message } }, ERROR_STATUS[code], headers);
}

async function readText(req: Request, limit: number): Promise<Result<string, "too-large">> {
  const tooLarge = () => fail("too-large", `The request body is larger than ${Math.round(limit / 1024)} KiB`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) return tooLarge();
  if (!req.body) return ok("");
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return tooLarge();
    }
    parts.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) (all.set(p, offset), (offset += p.length));
  return ok(new TextDecoder().decode(all));
}

export async function readJson<S extends v.GenericSchema>(
  c: Context,
  schema: S,
  what: string,
  limit = BODY_LIMIT,
): Promise<Result<v.InferOutput<S>, "invalid" | "bad-json" | "too-large" | "unsupported-media-type">> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return fail("unsupported-media-type", "Send the request body as JSON (Content-Type: application/json)");
  }
  const text = await readText(c.req.raw, limit);
  if (!text.ok) return text;
  let data: unknown;
  try {
    data = JSON.parse(text.value);
  } catch {
    return fail("bad-json", `The ${what} is not valid JSON`);
  }
  return validate(schema, data, what);
}

/** errorResponse bound to one request, taking only the codes its route lists in the table. */
export type Refuse<C extends ApiErrorCode> = (...args: ErrorArgs<C>) => Response;

const refuser = <C extends ApiErrorCode>(c: Context): Refuse<C> => (...args) => errorResponse(c, ...args);

type Handler<S extends RouteSpec, A extends unknown[]> = (
  c: AppContext,
  ...args: [...A, Refuse<RouteCode<S>>]
) => Response | Promise<Response>;

/** Registers `handler` at a route table entry's method and path; `refuse` answers the entry's error codes. */
export function on<S extends RouteSpec>(app: Hono<AppEnv>, spec: S, handler: Handler<S, []>): void {
  app.on(spec.method, spec.path, (c) => handler(c, refuser(c)));
}

/**
 * Registers a route that reads a JSON body: the body is read and checked with the entry's
 * schema first (`what` names it in messages, e.g. "sync request"), and a refused body is
 * answered before `handler` runs.
 */
export function onBody<S extends RouteSpec & { input: v.GenericSchema }>(
  app: Hono<AppEnv>,
  spec: S,
  { what, limit = BODY_LIMIT }: { what: string; limit?: number },
  handler: Handler<S, [v.InferOutput<S["input"]>]>,
): void {
  app.on(spec.method, spec.path, async (c) => {
    const body = await readJson(c, spec.input, what, limit);
    return body.ok ? handler(c, body.value, refuser(c)) : errorResponse(c, body.error);
  });
}
