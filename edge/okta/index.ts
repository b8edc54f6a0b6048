/** Public surface of the Okta client. */
export { createOktaClient } from "./client.ts";
export type { OktaAuthConfig, OktaClient, OktaClientConfig, OktaProgress } from "./client.ts";
export { applyChanges } from "./changes.ts";
export type { DirectoryChanges, GroupChange } from "./changes.ts";
export type { DirectoryRead } from "./directory.ts";
export type { ListCursor, ReadCheckpoint, SavedPage } from "./checkpoint.ts";
export { OKTA_ERROR_CODES } from "./errors.ts";
export type { OktaError, OktaErrorCode } from "./errors.ts";
export { parseLinkHeader } from "./pagination.ts";
