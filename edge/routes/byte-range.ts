/**
 * HTTP range requests and entity-tag preconditions (RFC 9110 §13, §14) for one stored
 * representation, and a body that streams a slice of bytes held in memory as views (never a
 * copy of the whole, however many downloads run at once).
 */

/** What a `Range` header asks of a representation of `size` bytes (`end` inclusive). */
export type RangeRequest =
  | { kind: "whole" }
  | { kind: "range"; start: number; end: number }
  | { kind: "unsatisfiable" };

const SPEC = /^(?:(\d+)-(\d*)|-(\d+))$/;

/**
 * One `bytes=` range, clamped to the representation. A header we may ignore (RFC 9110
 * §14.2: another unit, a malformed set, or several ranges — the browser only ever asks for
 * one) asks for the whole; a well-formed range starting past the end is unsatisfiable.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: "whole" };
  const eq = header.indexOf("=");
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== "bytes") return { kind: "whole" };
  const specs = header.slice(eq + 1).split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (specs.length !== 1) return { kind: "whole" };
  const m = SPEC.exec(specs[0]);
  if (!m) return { kind: "whole" };
  if (m[3] !== undefined) {
    const suffix = Number(m[3]);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "range", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const last = m[2] === "" ? Infinity : Number(m[2]);
  if (last < start) return { kind: "whole" }; // an invalid range-spec: the header is ignored
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "range", start, end: Math.min(last, size - 1) };
}

/**
 * Does a list of entity tags (or "*") name `etag`? `If-None-Match` compares weakly, `If-Match`
 * strongly (a weak tag never matches). `etag` is the quoted strong tag.
 */
export function matchesEtag(header: string | undefined, etag: string, comparison: "weak" | "strong" = "weak"): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((raw) => {
    const tag = raw.trim();
    if (tag.startsWith("W/")) return comparison === "weak" && tag.slice(2) === etag;
    return tag === etag;
  });
}

/**
 * `If-Range`: true when the range may be served. An entity tag must match strongly; a date
 * never matches, since the snapshot is served without Last-Modified.
 */
export function ifRangeHolds(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  return header.trim() === etag;
}

/** Bytes [start, end) of `bytes` as a stream of views, 64 KiB per pull (back-pressured). */
export function sliceStream(bytes: Uint8Array, start: number, end: number, piece = 64 * 1024): ReadableStream<Uint8Array> {
  let at = start;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= end) return controller.close();
      const next = Math.min(end, at + piece);
      controller.enqueue(bytes.subarray(at, next));
      at = next;
    },
  });
}
