/**
 * Sign-in throttling: failed attempts counted per client IP and per account in KV within a
 * fixed window (default 5 per 15 minutes). Once either counter is full, sign-in answers 429
 * until the window ends, before any password is checked.
 */
import * as v from "valibot";
import { keys, type Key } from "../store/keys.ts";
import { readValid } from "../store/kv.ts";

const CounterSchema = v.object({ count: v.number(), resetAt: v.number() });

export interface SignInLimiter {
  /** seconds to wait, or 0 when an attempt is allowed */
  retryAfter(ip: string, username: string): Promise<number>;
  recordFailure(ip: string, username: string): Promise<void>;
}

export function createSignInLimiter(
  { kv, now, max, windowSeconds }: { kv: Deno.Kv; now: () => Date; max: number; windowSeconds: number },
): SignInLimiter {
  const window = windowSeconds * 1000;
  const subjects = (ip: string, username: string) => [keys.signInAttempts("ip", ip), keys.signInAttempts("account", username)];

  async function bump(key: Key): Promise<void> {
    for (;;) {
      const { value, versionstamp } = await readValid(kv, key, CounterSchema);
      const t = now().getTime();
      const next = value && value.resetAt > t ? { ...value, count: value.count + 1 } : { count: 1, resetAt: t + window };
      const res = await kv.atomic().check({ key, versionstamp }).set(key, next, { expireIn: next.resetAt - t }).commit();
      if (res.ok) return;
    }
  }

  return {
    async retryAfter(ip, username) {
      const t = now().getTime();
      let wait = 0;
      for (const key of subjects(ip, username)) {
        const { value } = await readValid(kv, key, CounterSchema);
        if (value && value.resetAt > t && value.count >= max) wait = Math.max(wait, Math.ceil((value.resetAt - t) / 1000));
      }
      return wait;
    },
    async recordFailure(ip, username) {
      for (const key of subjects(ip, username)) await bump(key);
    },
  };
}
