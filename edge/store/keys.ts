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
  signInAttempts: (kind: "ip" | "account", id: string): Key => ["sign-in-attempts", kind, id.toLowerCase()],

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
  /** published rule sets are immutable and content-addressed: written once, never deleted */
  rulesBlobChunk: (hash: string, index: number): Key => ["rules", "blob", hash, index],
} as const;
