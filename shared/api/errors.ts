/**
 * The edge's error vocabulary: every code an `/api` route can answer with, and the one HTTP
 * status each is sent with. The edge answers errors only through this table; the web client
 * reads the same codes back, so a code either side misspells is a type error.
 */
export const ERROR_STATUS = {
  invalid: 400,
  "bad-json": 400,
  unauthorized: 401,
  forbidden: 403,
  csrf: 403,
  "not-found": 404,
  conflict: 409,
  "draft-conflict": 409,
  "already-set-up": 409,
  "not-awaiting": 409,
  "awaiting-approval": 409,
  busy: 409,
  "precondition-failed": 412,
  "too-large": 413,
  "unsupported-media-type": 415,
  "range-not-satisfiable": 416,
  "lint-errors": 422,
  "not-connected": 422,
  "connection-failed": 422,
  "invalid-domain": 422,
  "catalog-unavailable": 422,
  "no-rules": 422,
  "rate-limited": 429,
  internal: 500,
  upstream: 502,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof ERROR_STATUS;
export type ApiErrorStatus = (typeof ERROR_STATUS)[ApiErrorCode];

export const API_ERROR_CODES = Object.keys(ERROR_STATUS) as ApiErrorCode[];

export const isApiErrorCode = (code: string): code is ApiErrorCode => Object.hasOwn(ERROR_STATUS, code);

/** The code the table sends with `status`, if any (the first listed): for errors raised by the framework. */
export const codeForStatus = (status: number): ApiErrorCode | null => API_ERROR_CODES.find((code) => ERROR_STATUS[code] === status) ?? null;
