/**
 * The one error shape and the one way to read a request body: every error is
 * `{ "error": { "code", "message" } }`; bodies must be JSON, within a size limit, and match
 * their (strict) schema.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as v from "valibot";
import { validate } from "../../shared/validate.ts";
import { fail, type Failure, ok, type Result } from "../../shared/result.ts";
import type { Session } from "../auth/sessions.ts";

export type AppEnv = { Variables: { session: Session | null; sessionToken: string | null } };
export type AppContext = Context<AppEnv>;

export const BODY_LIMIT = 256 * 1024;
export const RULESET_BODY_LIMIT = 1024 * 1024 + 16 * 1024;

/** Status for each failure code the edge answers with; unknown codes are a 400 unless given. */
const STATUS: Record<string, ContentfulStatusCode> = {
  invalid: 400,
  "bad-json": 400,
  unauthorized: 401,
  forbidden: 403,
  "csrf": 403,
  "not-found": 404,
  conflict: 409,
  "already-set-up": 409,
  "too-large": 413,
  "unsupported-media-type": 415,
  "lint-errors": 422,
  "not-connected": 422,
  "connection-failed": 422,
  "invalid-domain": 422,
  "catalog-unavailable": 422,
  "no-rules": 422,
  "not-awaiting": 409,
  "awaiting-approval": 409,
  busy: 409,
  "rate-limited": 429,
  upstream: 502,
  internal: 500,
};

export function errorResponse(c: Context, error: Failure & Record<string, unknown>, status?: ContentfulStatusCode): Response {
  const { code, message, issues: _issues, ...extra } = error;
  return c.json({ error: { ...extra, code, message } }, status ?? STATUS[code] ?? 400);
}

export const apiError = (c: Context, status: ContentfulStatusCode, code: string, message: string) =>
  c.json({ error: { code, message } }, status);

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
