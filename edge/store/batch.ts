/**
 * Many KV writes as few atomic commits, inside Deno KV's limits: at most 1,000 mutations and
 * 800 KiB per atomic, 64 KiB per value. Commits are cut well below those; a single value
 * near the value limit is a bug (callers keep records small) and throws before KV does.
 * Every commit can carry a fence (a lease check), so a writer that lost its lease stops.
 */
import type { Key } from "./keys.ts";

export const MAX_VALUE_BYTES = 60_000;
const MAX_MUTATIONS = 900;
const MAX_BYTES = 600_000;

export interface BatchStats {
  commits: number;
  largestCommit: number;
  largestValue: number;
}

export interface Batch {
  set(key: Key, value: unknown, options?: { expireIn?: number }): void;
  delete(key: Key): void;
  /** Commits what is pending; false when the fence failed (nothing of this commit was written). */
  flush(): Promise<boolean>;
  /**
   * Resolves once at most one cut commit is still waiting (false after a failed fence). A
   * writer of 500,000 records awaits it between records, so what waits to be committed stays
   * a commit or two instead of every mutation at once.
   */
  ready(): Promise<boolean>;
  stats(): BatchStats;
}

const encoder = new TextEncoder();
/** The size KV will see, closely enough: JSON bytes (Uint8Array counted raw). */
export function sizeOf(value: unknown): number {
  if (value instanceof Uint8Array) return value.length;
  return encoder.encode(JSON.stringify(value) ?? "").length;
}

export interface Fence {
  /** adds the lease check to an atomic operation */
  apply(op: Deno.AtomicOperation): Deno.AtomicOperation;
  /** after a failed check: renews the lease; true when it is still ours (our own heartbeat moved it) */
  stillHeld(): Promise<boolean>;
}

const NO_FENCE: Fence = { apply: (op) => op, stillHeld: () => Promise.resolve(false) };

export function createBatch(kv: Deno.Kv, fence: Fence = NO_FENCE): Batch {
  type Mutation = { key: Key; value?: unknown; expireIn?: number; bytes: number };
  let pending: Mutation[] = [];
  let bytes = 0;
  const stats: BatchStats = { commits: 0, largestCommit: 0, largestValue: 0 };
  let failed = false;

  /** Commits `mutations` (taken off `pending` when the batch was cut, so later adds never join it). */
  async function commit(mutations: Mutation[]): Promise<boolean> {
    if (mutations.length === 0 || failed) return !failed;
    for (let attempt = 0; attempt < 3; attempt++) {
      const op = fence.apply(kv.atomic());
      for (const m of mutations) {
        if ("value" in m) op.set(m.key as Deno.KvKey, m.value, m.expireIn ? { expireIn: m.expireIn } : undefined);
        else op.delete(m.key as Deno.KvKey);
      }
      const res = await op.commit();
      stats.commits++;
      stats.largestCommit = Math.max(stats.largestCommit, mutations.length);
      if (res.ok) return true;
      if (!(await fence.stillHeld())) break;
    }
    failed = true;
    return false;
  }
  let chain: Promise<boolean> = Promise.resolve(true);
  /** the chain as it was before the last cut: settled once at most that cut is waiting */
  let previous: Promise<boolean> = chain;
  let waiting = 0;
  const cut = () => {
    const mutations = pending;
    pending = [];
    bytes = 0;
    previous = chain;
    waiting++;
    chain = chain.then((okSoFar) => commit(mutations).then((ok) => okSoFar && ok)).finally(() => waiting--);
    return chain;
  };

  const add = (m: Mutation) => {
    if (pending.length + 1 > MAX_MUTATIONS || bytes + m.bytes > MAX_BYTES) void cut();
    pending.push(m);
    bytes += m.bytes;
  };
  return {
    set(key, value, options) {
      const size = sizeOf(value);
      if (size > MAX_VALUE_BYTES) throw new Error(`KV value for ${key.slice(0, 3).join("/")} is ${size} bytes (limit ${MAX_VALUE_BYTES})`);
      stats.largestValue = Math.max(stats.largestValue, size);
      add({ key, value, expireIn: options?.expireIn, bytes: size + sizeOf(key) });
    },
    delete(key) {
      add({ key, bytes: sizeOf(key) });
    },
    flush: () => cut(),
    ready: () => (waiting > 1 ? previous : Promise.resolve(!failed)),
    stats: () => ({ ...stats }),
  };
}
