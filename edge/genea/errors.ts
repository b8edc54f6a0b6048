/**
 * The Genea client's failures: literal codes and sentences an admin can act on. Secrets
 * are named by their last four characters only.
 */
import { fail } from "../../shared/result.ts";

export const GENEA_ERROR_CODES = [
  "unauthorized", // 401: bad or revoked key
  "forbidden", // 403: key lacks a permission or the customer
  "not-found", // 404
  "conflict", // 409: e.g. duplicate email, user deleted
  "rejected", // other 4xx: Genea refused the request as invalid
  "rate-limited", // 429 after every retry
  "server-error", // 5xx after every retry
  "unreachable", // DNS, refused connection, dropped connection after every retry
  "not-json", // a body that is not JSON (HTML error page, proxy, wrong base URL)
  "invalid-response", // JSON that does not have the shape Genea documents
  "inconsistent", // a paged read that kept changing under us
] as const;
export type GeneaErrorCode = (typeof GENEA_ERROR_CODES)[number];

export const geneaError = (code: GeneaErrorCode, message: string, extra: Record<string, unknown> = {}) => fail(code, message, extra);

/** `…1a2b`: enough to tell keys apart, never enough to use one. */
export function keyHint(key: string): string {
  return key.length <= 8 ? "…" : `…${key.slice(-4)}`;
}

/** What a non-JSON body looks like, for the error sentence. */
export function describeBody(text: string, contentType: string | null): string {
  const trimmed = text.trimStart();
  if (trimmed === "") return "empty body";
  if (/html/i.test(contentType ?? "") || /^<(!doctype|html|head|body)/i.test(trimmed)) return "HTML page";
  const snippet = trimmed.slice(0, 40).replace(/\s+/g, " ");
  return `text starting "${snippet}"`;
}
