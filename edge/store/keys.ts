/**
 * Every Deno KV key doorsync uses, built in this one module so the key space is visible at a
 * glance and no two features collide. Keys are tuples; the first part names the feature.
 */
/** Structurally a `Deno.KvKey` (minus symbols), so key-using pure modules also load in Node. */
export type Key = readonly (string | number | bigint | boolean | Uint8Array)[];

export const keys = {
  /** marker: an admin exists (setup is closed) */
  adminExists: (): Key => ["admin", "exists"],
  admin: (username: string): Key => ["admin", "user", username.toLowerCase()],
  /** by sha256 of the session token, so a KV dump holds no usable cookie */
  session: (tokenHash: string): Key => ["session", tokenHash],
  /** bumped by "sign out everywhere": sessions created under an older epoch are void */
  sessionEpoch: (username: string): Key => ["session-epoch", username.toLowerCase()],
  /** IPs and account names compare case-insensitively; device ids are case-sensitive tokens */
  signInAttempts: (
    kind: "ip" | "account" | "device",
    id: string,
  ): Key => ["sign-in-attempts", kind, kind === "device" ? id : id.toLowerCase()],
  hookAttempts: (ip: string): Key => ["hook-attempts", ip.toLowerCase()],
  /** the HMAC key signing known-device cookies (auth/known-device.ts) */
  deviceKey: (): Key => ["auth", "device-key"],

  connection: (kind: "okta" | "genea"): Key => ["connection", kind],

  directoryCurrent: (): Key => ["directory", "current"],
  directoryChunk: (snapshotId: string, index: number): Key => ["directory", "chunk", snapshotId, index],
  directoryChunks: (snapshotId: string): Key => ["directory", "chunk", snapshotId],
  refreshJob: (id: string): Key => ["directory", "job", id],
  refreshLock: (): Key => ["directory", "refresh-lock"],

  rulesDraft: (): Key => ["rules", "draft"],
  rulesDraftChunk: (hash: string, index: number): Key => ["rules", "draft-chunk", hash, index],
  rulesDraftChunks: (hash: string): Key => ["rules", "draft-chunk", hash],
  /** every draft chunk of every hash, for garbage collection */
  rulesDraftChunksAll: (): Key => ["rules", "draft-chunk"],
  rulesCurrent: (): Key => ["rules", "current"],
  rulesVersion: (n: number): Key => ["rules", "version", n],
  rulesVersions: (): Key => ["rules", "version"],
  /** the sync's single-writer lease (edge/jobs) */
  syncLease: (): Key => ["sync", "lease"],
  syncRun: (id: string): Key => ["sync", "run", id],
  /** run ids by start time, for newest-first listings */
  syncRunAt: (ms: number, id: string): Key => ["sync", "run-at", ms, id],
  syncRunsAt: (): Key => ["sync", "run-at"],
  /** a run's audit entries in plan order */
  syncEntry: (runId: string, seq: number): Key => ["sync", "op", runId, seq],
  syncEntries: (runId: string): Key => ["sync", "op", runId],
  /** the same entries by person, for "what did doorsync do to this person" */
  syncUserEntry: (oktaId: string, ms: number, runId: string, seq: number): Key => ["sync", "user-op", oktaId, ms, runId, seq],
  syncUserEntries: (oktaId: string): Key => ["sync", "user-op", oktaId],
  syncSettings: (): Key => ["sync", "settings"],
  /** counts of the last complete Okta read (the read gate's baseline) */
  syncBaseline: (): Key => ["sync", "baseline"],
  /** removals applied per property by one run (the brake's rolling 24 h window) */
  syncRemovals: (ms: number, runId: string): Key => ["sync", "removals", ms, runId],
  syncRemovalsAll: (): Key => ["sync", "removals"],
  syncStatus: (): Key => ["sync", "status"],
  /** an Okta event seen (by hook or System Log poll), kept for deduplication */
  oktaEvent: (uuid: string): Key => ["okta-event", uuid],
  /** Okta users an event named, waiting for a targeted run to re-read them */
  syncHint: (oktaId: string): Key => ["sync", "hint", oktaId],
  syncHints: (): Key => ["sync", "hint"],
  /** the System Log poll: its persisted `next` link and what it found */
  syncLogPoll: (): Key => ["sync", "log-poll"],
  /** Genea as doorsync last knew it (full reads, then its own writes): per user, by email, and the catalog */
  geneaCacheUser: (uuid: string): Key => ["genea-cache", "user", uuid],
  geneaCacheEmail: (email: string): Key => ["genea-cache", "email", email.toLowerCase()],
  geneaCacheMeta: (): Key => ["genea-cache", "meta"],
  /** the incremental reads' watermarks (server timestamps) and the snapshot they apply to */
  syncWatermark: (): Key => ["sync", "watermark"],
  /** a whole-directory read in progress (edge/store/okta-read.ts): which read, then per list its cursor and its pages */
  oktaReadHead: (): Key => ["okta-read", "head"],
  oktaReadAll: (): Key => ["okta-read"],
  oktaReadCursor: (readId: string, list: string): Key => ["okta-read", "cursor", readId, list],
  oktaReadCursors: (readId: string): Key => ["okta-read", "cursor", readId],
  oktaReadPage: (readId: string, list: string, index: number, part: number): Key => ["okta-read", "page", readId, list, index, part],
  oktaReadPages: (readId: string): Key => ["okta-read", "page", readId],
  /** the identity ledger: one entry per Okta user doorsync created or linked */
  ledger: (oktaId: string): Key => ["ledger", oktaId],
  ledgerAll: (): Key => ["ledger"],
  /** the ledger the other way round: which Okta user a Genea user is (targeted runs read only these) */
  ledgerByGenea: (geneaUuid: string): Key => ["ledger-genea", geneaUuid],

  /** published rule sets are immutable and content-addressed: written once, never deleted */
  rulesBlobChunk: (hash: string, index: number): Key => ["rules", "blob", hash, index],
} as const;
