/**
 * The edge ↔ web contract: every route path in one place. The browser only ever talks to
 * the edge; the edge alone talks to Okta and Genea.
 *
 * Conventions: JSON bodies; state-changing requests carry the session's CSRF token in the
 * `X-CSRF-Token` header; every error is `{ "error": { "code", "message" } }`.
 */
export const CSRF_HEADER = "X-CSRF-Token";
export const SESSION_COOKIE = "doorsync_session";

/** The base paths; shared/api/table.ts gives each route's method, bodies and error codes. */
export const ROUTES = {
  health: "/api/health",
  session: "/api/session",
  setup: "/api/session/setup", // creates the first admin, only while none exists
  signIn: "/api/session/sign-in",
  signOut: "/api/session/sign-out",
  signOutEverywhere: "/api/session/sign-out-everywhere", // ends every session of the signed-in account
  connections: "/api/connections",
  oktaConnection: "/api/connections/okta",
  geneaConnection: "/api/connections/genea",
  directory: "/api/directory", // the compact compressed snapshot (application/octet-stream), ETag, ranges
  directoryRefresh: "/api/directory/refresh", // …/:id polls a job; …/:id/events streams its progress (SSE)
  catalog: "/api/genea/catalog",
  geneaState: "/api/genea/state",
  draft: "/api/rules/draft",
  publish: "/api/rules/publish",
  versions: "/api/rules/versions",
  diff: "/api/rules/diff",
  rollback: "/api/rules/rollback",
  importLink: "/api/rules/import",
  oktaHook: "/api/hooks/okta", // Okta's event hook: its own shared secret, no session
  syncStatus: "/api/sync/status",
  syncRuns: "/api/sync/runs", // …/:id, …/:id/operations(.csv), …/:id/approve, …/:id/reject
  syncSettings: "/api/sync/settings",
  syncLogPoll: "/api/sync/log-poll", // polls Okta's System Log now (gap detection)
  syncUsers: "/api/sync/users", // …/:oktaId/history
} as const;
