/**
 * Single-writer leases in Deno KV. A lease names who holds a job (`holder`, this process),
 * which job (`jobId`) and a fencing `epoch` that grows with every acquisition; it lives
 * while its holder renews it (heartbeat) and expires when the holder dies, so another
 * instance can take the job over. Writes that must not come from a lost holder add the
 * lease's versionstamp check to their atomic commit (`fence`): after a takeover they fail.
 */
import * as v from "valibot";
import type { Key } from "../store/keys.ts";
import { readValid } from "../store/kv.ts";

export const LeaseRecordSchema = v.object({
  holder: v.string(),
  jobId: v.string(),
  epoch: v.number(),
  acquiredAt: v.number(),
  renewedAt: v.number(),
  expiresAt: v.number(),
});
export type LeaseRecord = v.InferOutput<typeof LeaseRecordSchema>;

export interface Lease extends LeaseRecord {
  key: Key;
  versionstamp: string;
}

export type Acquired =
  | { ok: true; lease: Lease; /** the expired record taken over, if any */ previous: LeaseRecord | null }
  | { ok: false; /** the live lease someone else holds */ current: LeaseRecord };

export interface Leases {
  read(key: Key): Promise<LeaseRecord | null>;
  /**
   * Takes the lease when it is free or expired (atomic; one of many racers wins). `alongside`
   * adds writes to the same commit (the job's record), so whoever sees the lease sees them.
   */
  acquire(
    key: Key,
    holder: string,
    jobId: string,
    ttlMs: number,
    alongside?: (op: Deno.AtomicOperation) => Deno.AtomicOperation,
  ): Promise<Acquired>;
  /** Heartbeat: extends the lease; null when it was lost (expired and taken over). */
  renew(lease: Lease, ttlMs: number): Promise<Lease | null>;
  /** Gives the lease up (only if still ours). */
  release(lease: Lease): Promise<void>;
  /** Adds the check that `lease` is still current to an atomic operation. */
  fence(op: Deno.AtomicOperation, lease: Lease): Deno.AtomicOperation;
}

export function createLeases(kv: Deno.Kv, now: () => Date): Leases {
  const read = async (key: Key) => (await readValid(kv, key, LeaseRecordSchema)).value;
  return {
    read,
    async acquire(key, holder, jobId, ttlMs, alongside = (op) => op) {
      for (;;) {
        const found = await readValid(kv, key, LeaseRecordSchema);
        const t = now().getTime();
        if (found.value && found.value.expiresAt > t) return { ok: false, current: found.value };
        const record: LeaseRecord = {
          holder,
          jobId,
          epoch: (found.value?.epoch ?? 0) + 1,
          acquiredAt: t,
          renewedAt: t,
          expiresAt: t + ttlMs,
        };
        const res = await alongside(kv.atomic().check({ key, versionstamp: found.versionstamp }).set(key, record)).commit();
        if (res.ok) return { ok: true, lease: { ...record, key, versionstamp: res.versionstamp }, previous: found.value };
        // Someone else moved first: look again (they may hold it now).
      }
    },
    async renew(lease, ttlMs) {
      const t = now().getTime();
      const record: LeaseRecord = { ...strip(lease), renewedAt: t, expiresAt: t + ttlMs };
      const res = await kv.atomic().check({ key: lease.key, versionstamp: lease.versionstamp }).set(lease.key, record).commit();
      return res.ok ? { ...record, key: lease.key, versionstamp: res.versionstamp } : null;
    },
    async release(lease) {
      await kv.atomic().check({ key: lease.key, versionstamp: lease.versionstamp }).delete(lease.key).commit();
    },
    fence: (op, lease) => op.check({ key: lease.key, versionstamp: lease.versionstamp }),
  };
}

const strip = ({ key: _k, versionstamp: _v, ...record }: Lease): LeaseRecord => record;
