/**
 * Sign-in throttling. Every sign-in reserves one attempt before its password is checked
 * (auth/attempts.ts: atomic, so a burst in flight together checks at most `max` passwords);
 * a right password gives it back, so only wrong ones count. Two lanes:
 * - strangers spend the allowance of their IP *and* of the account they name (default 5
 *   per 15 minutes each), so neither one address nor many can guess faster;
 * - a known device (a browser that signed in to this account before, auth/known-device.ts)
 *   spends only its own allowance, so strangers using up the account's cannot lock it out.
 */
import { type Key, keys } from "../store/keys.ts";
import { createAttemptCounter } from "./attempts.ts";
import { createKnownDevices } from "./known-device.ts";

export interface SignInAttempt {
  keys: readonly Key[];
  /** set when the attempt came from a known device of the account */
  deviceId: string | null;
}

export type SignInReservation =
  | { ok: true; attempt: SignInAttempt }
  | { ok: false; retryAfterSeconds: number };

export interface SignInLimiter {
  /** Reserve one attempt for this sign-in before its password is checked. */
  reserve(who: { ip: string; username: string; deviceToken: string | null }): Promise<SignInReservation>;
  /** The password was right: the attempt does not count. */
  release(attempt: SignInAttempt): Promise<void>;
  /** The known-device token to hand a browser that just signed in (keeps its device id). */
  rememberDevice(username: string, attempt: SignInAttempt | null): Promise<string>;
}

export function createSignInLimiter(
  { kv, now, max, windowSeconds }: { kv: Deno.Kv; now: () => Date; max: number; windowSeconds: number },
): SignInLimiter {
  const counter = createAttemptCounter({ kv, now, max, windowSeconds });
  const devices = createKnownDevices({ kv, now });

  return {
    async reserve({ ip, username, deviceToken }) {
      const deviceId = deviceToken ? await devices.verify(deviceToken, username) : null;
      const spent = deviceId
        ? [keys.signInAttempts("device", deviceId)]
        : [keys.signInAttempts("ip", ip), keys.signInAttempts("account", username)];
      const r = await counter.reserve(spent);
      return r.reserved ? { ok: true, attempt: { keys: spent, deviceId } } : { ok: false, retryAfterSeconds: r.retryAfterSeconds };
    },
    release: (attempt) => counter.release(attempt.keys),
    rememberDevice: (username, attempt) => devices.issue(username, attempt?.deviceId ?? null),
  };
}
