/**
 * Okta's error object (`{errorCode, errorSummary, errorLink, errorId, errorCauses}`) and the
 * codes the sandbox answers with. `errorLink` repeats the code, as the real API does.
 */
import type { Context } from "hono";
import { randomToken } from "./ids.ts";

export const ERRORS = {
  E0000001: { status: 400, summary: "Api validation failed" },
  E0000003: { status: 400, summary: "The request body was not well-formed." },
  E0000007: { status: 404, summary: "Not found" },
  E0000008: { status: 404, summary: "The requested path was not found" },
  E0000009: { status: 500, summary: "Internal Server Error" },
  E0000011: { status: 401, summary: "Invalid token provided" },
  E0000022: { status: 405, summary: "The endpoint does not support the provided HTTP method" },
  E0000029: { status: 400, summary: "Invalid paging request." },
  E0000031: { status: 400, summary: "Invalid search criteria." },
  E0000033: { status: 400, summary: "Search and filter are not supported at the same time." },
  E0000038: { status: 403, summary: "This operation is not allowed in the user's current status." },
  E0000047: { status: 429, summary: "API call exceeded rate limit due to too many requests." },
  E0000053: { status: 400, summary: "Invalid date. 'since' must be a valid date within the last 180 days." },
} as const;
export type OktaErrorCode = keyof typeof ERRORS;

export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: { errorSummary: string }[];
}

export function errorBody(code: OktaErrorCode, summary?: string, causes: string[] = []): OktaErrorBody {
  return {
    errorCode: code,
    errorSummary: summary ?? ERRORS[code].summary,
    errorLink: code,
    errorId: `oae${randomToken(22)}`,
    errorCauses: causes.map((errorSummary) => ({ errorSummary })),
  };
}

export function oktaError(c: Context, code: OktaErrorCode, summary?: string, causes?: string[]): Response {
  return c.json(errorBody(code, summary, causes), ERRORS[code].status);
}

/** A value-level failure a route turns into an Okta error. */
export interface OktaFailure {
  code: OktaErrorCode;
  summary?: string;
  causes?: string[];
}

export const notFound = (what: string, id: string): OktaFailure => ({
  code: "E0000007",
  summary: `Not found: Resource not found: ${id} (${what})`,
});
