/**
 * The edge's upstreams: how the Okta and Genea clients are built from the stored (sealed)
 * connections, and the short-lived Genea catalog/state cache the routes and the sync share.
 */
export { type ClientFactories, createUpstreams, type Progress, type Upstreams } from "./clients.ts";
export { createGeneaCache, type GeneaCache, type ReadOptions } from "./genea-cache.ts";
