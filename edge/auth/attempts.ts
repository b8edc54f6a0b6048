/**
 * Attempt allowances in KV: each key (an IP, an account, a device…) may spend `max`
 * attempts per fixed window. An attempt is reserved *before* the guarded check runs, in one
 * atomic commit checked against every counter's versionstamp (retried on contention), so
 * any number of requests in flight together can spend at most `max` attempts: the rest are
 * refused without being checked. A successful check gives its attempt back.
 */
import * as v from "valibot";
import { validate } from "../../shared/validate.ts";
import type { Key } from "../store/keys.ts";

const CounterSchema = v.object({ count: v.pipe(v.number(), v.integer(), v.minValue(0)), resetAt: v.number() });
type Counter = v.InferOutput<typeof CounterSchema>;

/** A flood can keep commits colliding; past this many tries the attempt is refused, never let through unreserved. */
const MAX_TRIES = 64;

export type Reservation = { reserved: true } | { reserved: false; retryAfterSeconds: number };

export interface AttemptCounter {
  /** Takes one attempt from every key's allowance, or from none when any is used up. */
  reserve(keys: readonly Key[]): Promise<Reservation>;
  /** Gives a reserved attempt back to every key (within the same window). */
  release(keys: readonly Key[]): Promise<void>;
}

export function createAttemptCounter(
  { kv, now, max, windowSeconds }: { kv: Deno.Kv; now: () => Date; max: number; windowSeconds: number },
): AttemptCounter {
  const windowMs = windowSeconds * 1000;

  async function read(keys: readonly Key[]) {
    const entries = await kv.getMany(keys);
    return entries.map((entry) => {
      if (entry.versionstamp === null) return { key: entry.key, counter: null, versionstamp: null };
      const parsed = validate(CounterSchema, entry.value, `stored ${entry.key.join("/")}`);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return { key: entry.key, counter: parsed.value, versionstamp: entry.versionstamp };
    });
  }

  const live = (c: Counter | null, t: number): c is Counter => c !== null && c.resetAt > t;

  return {
    async reserve(keys) {
      for (let tries = 0; tries < MAX_TRIES; tries++) {
        const entries = await read(keys);
        const t = now().getTime();
        let wait = 0;
        const commit = kv.atomic();
        for (const { key, counter, versionstamp } of entries) {
          if (live(counter, t) && counter.count >= max) wait = Math.max(wait, Math.ceil((counter.resetAt - t) / 1000));
          const next: Counter = live(counter, t)
            ? { count: counter.count + 1, resetAt: counter.resetAt }
            : { count: 1, resetAt: t + windowMs };
          commit.check({ key, versionstamp }).set(key, next, { expireIn: next.resetAt - t });
        }
        if (wait > 0) return { reserved: false, retryAfterSeconds: wait };
        if ((await commit.commit()).ok) return { reserved: true };
      }
      return { reserved: false, retryAfterSeconds: 1 };
    },

    async release(keys) {
      for (let tries = 0; tries < MAX_TRIES; tries++) {
        const entries = await read(keys);
        const t = now().getTime();
        const commit = kv.atomic();
        let changes = 0;
        for (const { key, counter, versionstamp } of entries) {
          // A window that has ended took the attempt with it.
          if (!live(counter, t) || counter.count === 0) continue;
          commit.check({ key, versionstamp }).set(key, { ...counter, count: counter.count - 1 }, { expireIn: counter.resetAt - t });
          changes++;
        }
        if (changes === 0 || (await commit.commit()).ok) return;
      }
    },
  };
}
