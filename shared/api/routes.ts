/**
 * The edge ↔ web contract: every route path in one place. The browser only ever talks to
 * the edge; the edge alone talks to Okta and Genea.
 *
 * Conventions: JSON bodies; state-changing requests carry the session's CSRF token in the
 * `X-CSRF-Token` header; every error is `{ "error": { "code", "message" } }`.
 */
export const CSRF_HEADER = "X-CSRF-Token";
export const SESSION_COOKIE = "doorsync_session";

export const ROUTES = {
  health: "/api/health",
  session: "/api/session", // GET: SessionInfo
  setup: "/api/session/setup", // POST Credentials: create the first admin (only while none exists)
  signIn: "/api/session/sign-in", // POST Credentials
  signOut: "/api/session/sign-out", // POST
  signOutEverywhere: "/api/session/sign-out-everywhere", // POST: ends every session of the signed-in account
  connections: "/api/connections", // GET: ConnectionsInfo
  oktaConnection: "/api/connections/okta", // PUT OktaConnectionInput
  geneaConnection: "/api/connections/genea", // PUT GeneaConnectionInput
  directory: "/api/directory", // GET: compact compressed snapshot (application/octet-stream), ETag
  directoryRefresh: "/api/directory/refresh", // POST: RefreshJob; GET …/:id: RefreshJob (polling); GET …/:id/events: SSE "progress" events of RefreshJob
  catalog: "/api/genea/catalog", // GET: Catalog
  geneaState: "/api/genea/state", // GET: GeneaState
  draft: "/api/rules/draft", // GET: Draft; PUT DraftInput
  publish: "/api/rules/publish", // POST PublishInput: VersionInfo
  versions: "/api/rules/versions", // GET: VersionInfo[]; GET …/:n: Version
  diff: "/api/rules/diff", // GET ?from=n&to=m: RuleSetDiff
  rollback: "/api/rules/rollback", // POST RollbackInput: VersionInfo
  importLink: "/api/rules/import", // POST ImportInput: Draft
  oktaHook: "/api/hooks/okta", // Okta event hook (own shared secret, no session)
  syncStatus: "/api/sync/status", // GET: SyncStatus
  syncRuns: "/api/sync/runs", // POST StartSyncInput: 202 { run, started }; GET ?limit=: SyncRunView[]; GET …/:id: SyncRunView;
  // GET …/:id/operations?user=&property=&result=&after=&limit=: { entries, next }; GET …/:id/operations.csv;
  // POST …/:id/approve, …/:id/reject
  syncSettings: "/api/sync/settings", // GET / PUT SyncSettings
  syncLogPoll: "/api/sync/log-poll", // POST: poll Okta's System Log now (gap detection); the poll state
  syncUsers: "/api/sync/users", // GET …/:oktaId/history: { ledger, entries }
} as const;
