/**
 * Genea's HTTP conventions for the sandbox: the `{ meta, data }` envelope, page/page_size
 * pagination with `meta.pagination`, `{ meta: { message }, error: { code, message } }`
 * errors, Bearer key auth and validated JSON bodies.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as v from "valibot";
import type { Result } from "../../../shared/result.ts";
import { validate } from "../../../shared/validate.ts";
import type { GeneaStore } from "./store.ts";

export function errorResponse(c: Context, status: number, code: string, message: string): Response {
  return c.json({ meta: { message }, error: { code, message } }, status as ContentfulStatusCode);
}

export function data(c: Context, body: unknown, message = "Success", status: ContentfulStatusCode = 200): Response {
  return c.json({ meta: { message }, data: body }, status);
}

/** A failed operation as its Genea error response. */
export function refusal(c: Context, result: Extract<Result<unknown>, { ok: false }>): Response {
  const status = typeof result.error.status === "number" ? result.error.status : 422;
  return errorResponse(c, status, result.error.code, result.error.message);
}

const PositiveInt = v.pipe(
  v.string(),
  v.regex(/^\d{1,9}$/, "must be a positive integer"),
  v.transform(Number),
  v.minValue(1, "must be at least 1"),
);
const PagingSchema = v.object({ page: v.optional(PositiveInt, "1"), page_size: v.optional(PositiveInt, "20") });

export interface PageRequest {
  page: number;
  pageSize: number;
}

/** page/page_size from the query; page_size is capped at `max` (reported in meta). */
export function paging(c: Context, max: number): Result<PageRequest> {
  const parsed = validate(PagingSchema, { page: c.req.query("page"), page_size: c.req.query("page_size") }, "query");
  if (!parsed.ok) return parsed;
  return { ok: true, value: { page: parsed.value.page, pageSize: Math.min(parsed.value.page_size, max) } };
}

export function paged<T>(c: Context, rows: readonly T[], { page, pageSize }: PageRequest, render: (row: T) => unknown): Response {
  const rowCount = rows.length;
  const start = (page - 1) * pageSize;
  const slice = rows.slice(start, start + pageSize);
  const pagination = {
    page,
    page_size: pageSize,
    row_count: rowCount,
    page_count: Math.ceil(rowCount / pageSize),
    from: slice.length > 0 ? start + 1 : 0,
    to: slice.length > 0 ? start + slice.length : 0,
  };
  return c.json({ meta: { message: "Success", pagination }, data: slice.map(render) });
}

/** The request's JSON body checked against `schema`, or a 422 response naming the path. */
export async function body<S extends v.GenericSchema>(c: Context, schema: S): Promise<Result<v.InferOutput<S>> | Response> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return errorResponse(c, 422, "validation_error", "Request body is not valid JSON");
  }
  const parsed = validate(schema, json, "request body");
  if (!parsed.ok) return errorResponse(c, 422, "validation_error", parsed.error.message);
  return parsed;
}

export function requireKey(store: GeneaStore): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("Authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return errorResponse(c, 401, "unauthorized", "Missing Authorization: Bearer <api_key> header");
    if (!store.apiKeys.has(match[1])) return errorResponse(c, 401, "unauthorized", "Invalid API key");
    await next();
  };
}

/** Every /v2/customer/{c}/… path must name the key's own customer. */
export function requireCustomer(store: GeneaStore): MiddlewareHandler {
  return async (c, next) => {
    const customer = c.req.param("customer");
    if (customer !== store.customer.uuid) return errorResponse(c, 403, "forbidden", `The API key has no access to customer ${customer}`);
    await next();
  };
}
