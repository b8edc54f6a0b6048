/** The Genea client: the edge's only way to talk to Genea. */
export { createGeneaClient, type GeneaClient, type GeneaClientOptions } from "./client.ts";
export type { NewGeneaUser, ProfilePatch, UserLocationInput } from "./mutations.ts";
export { GENEA_ERROR_CODES, type GeneaErrorCode, keyHint } from "./errors.ts";
export type { PageProgress } from "./paging.ts";
export { GENEA_DEFAULT_BASE_URL, PAGE_SIZE, PATHS } from "./paths.ts";
export type { GeneaResult } from "./transport.ts";
