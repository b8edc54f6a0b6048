/**
 * Reads every page of a Genea list (page 1..page_count) and refuses to hand back anything
 * but the whole list: each page must agree on row_count and page_count, hold exactly the
 * rows its position implies, and no uuid may appear twice. A list that changes under the
 * read is read again; if it keeps changing the read fails.
 */
import type * as v from "valibot";
import { ok } from "../../shared/result.ts";
import { validate } from "../../shared/validate.ts";
import { geneaError } from "./errors.ts";
import { PAGE_SIZE } from "./paths.ts";
import type { Pagination } from "./schemas.ts";
import type { GeneaResult, GeneaTransport } from "./transport.ts";

export interface PageProgress {
  list: string;
  read: number;
  total: number;
}

export interface ReadAllOptions<Row = unknown, R = Row> {
  /** e.g. "users", for messages and progress */
  list: string;
  query?: Record<string, string | undefined>;
  onProgress?: (p: PageProgress) => void;
  /** whole-list reads before giving up on a list that keeps changing */
  maxReads?: number;
  /**
   * What to keep of each row, applied as its page arrives: a 388,000-user list is then never
   * held as wire rows, only as what they map to.
   */
  map?: (row: Row) => R;
}

type PageResult<T> = GeneaResult<{ pagination: Pagination; rows: T[] }>;

async function readPage<S extends v.GenericSchema<unknown, { uuid: string }>, R extends { uuid: string }>(
  transport: GeneaTransport,
  path: string,
  schema: S,
  page: number,
  o: ReadAllOptions<v.InferOutput<S>, R>,
  map: (row: v.InferOutput<S>) => R,
): Promise<PageResult<R>> {
  const res = await transport.request("GET", path, { query: { ...o.query, page, page_size: PAGE_SIZE } });
  if (!res.ok) return res;
  const { pagination } = res.value.meta;
  if (!pagination) return geneaError("invalid-response", `Genea's ${o.list} list (page ${page}) has no meta.pagination`);
  if (!Array.isArray(res.value.data)) return geneaError("invalid-response", `Genea's ${o.list} list (page ${page}) has no data array`);
  const rows: R[] = [];
  for (let i = 0; i < res.value.data.length; i++) {
    const row = validate(schema, res.value.data[i], `${o.list} row ${i} of page ${page}`);
    if (!row.ok) return geneaError("invalid-response", `Genea sent an unexpected shape: ${row.error.message}`);
    rows.push(map(row.value));
  }
  return ok({ pagination, rows });
}

/** Why this page contradicts the first, or null when consistent. */
function disagreement(first: Pagination, p: Pagination, page: number, rows: number): string | null {
  if (p.page !== page) return `page ${page} came back as page ${p.page}`;
  if (p.row_count !== first.row_count) return `row_count changed from ${first.row_count} to ${p.row_count}`;
  if (p.page_count !== first.page_count || p.page_size !== first.page_size) return `page_count/page_size changed on page ${page}`;
  const expected = Math.max(0, Math.min(p.page_size, p.row_count - (page - 1) * p.page_size));
  if (rows !== expected) return `page ${page} held ${rows} rows, expected ${expected}`;
  return null;
}

export function readAll<S extends v.GenericSchema<unknown, { uuid: string }>>(
  transport: GeneaTransport,
  path: string,
  schema: S,
  o: ReadAllOptions<v.InferOutput<S>>,
): Promise<GeneaResult<v.InferOutput<S>[]>>;
export function readAll<S extends v.GenericSchema<unknown, { uuid: string }>, R extends { uuid: string }>(
  transport: GeneaTransport,
  path: string,
  schema: S,
  o: ReadAllOptions<v.InferOutput<S>, R> & { map: (row: v.InferOutput<S>) => R },
): Promise<GeneaResult<R[]>>;
export async function readAll<S extends v.GenericSchema<unknown, { uuid: string }>, R extends { uuid: string }>(
  transport: GeneaTransport,
  path: string,
  schema: S,
  o: ReadAllOptions<v.InferOutput<S>, R>,
): Promise<GeneaResult<R[]>> {
  const map = o.map ?? ((row: v.InferOutput<S>) => row as unknown as R); // no map: R is the row type (the overloads)
  const maxReads = o.maxReads ?? 3;
  let why = "";
  for (let read = 1; read <= maxReads; read++) {
    const first = await readPage(transport, path, schema, 1, o, map);
    if (!first.ok) return first;
    const head = first.value.pagination;
    if (head.page_count !== Math.ceil(head.row_count / head.page_size)) {
      return geneaError(
        "invalid-response",
        `Genea's ${o.list} list reports ${head.page_count} pages for ${head.row_count} rows of ${head.page_size}`,
      );
    }
    const pages = [first.value.rows];
    let done = first.value.rows.length;
    o.onProgress?.({ list: o.list, read: done, total: head.row_count });
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, head.page_count - 1) }, async (_, i) => {
        const page = await readPage(transport, path, schema, i + 2, o, map);
        if (page.ok) o.onProgress?.({ list: o.list, read: done += page.value.rows.length, total: head.row_count });
        return page;
      }),
    );
    const failed = rest.find((p) => !p.ok);
    if (failed && !failed.ok) return failed;
    why = disagreement(head, head, 1, first.value.rows.length) ?? "";
    for (let i = 0; i < rest.length && !why; i++) {
      const page = rest[i];
      if (page.ok) {
        why = disagreement(head, page.value.pagination, i + 2, page.value.rows.length) ?? "";
        pages.push(page.value.rows);
      }
    }
    if (!why) {
      const all = pages.flat();
      const seen = new Set<string>();
      const dup = all.find((row) => seen.size === seen.add(row.uuid).size);
      if (!dup) return ok(all);
      why = `uuid ${dup.uuid} appeared twice`;
    }
  }
  return geneaError("inconsistent", `Genea's ${o.list} list kept changing while it was read ${maxReads} times (${why}); try again later`);
}
