/**
 * The guarded fetch (one origin, no redirects, every answer capped in bytes and time) is part
 * of the outbound transport now; the edge keeps importing it from here when it builds a client
 * for one operation.
 */
export { type Fetch, guardedFetch, UPSTREAM_LIMITS, type UpstreamLimits } from "../outbound/guarded-fetch.ts";
