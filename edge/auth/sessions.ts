/**
 * Server-side sessions in KV, keyed by the sha256 of a random cookie token. Sliding expiry:
 * each use pushes the end out by the idle TTL (written at most every tenth of the TTL), but
 * never past the absolute lifetime counted from sign-in. "Sign out everywhere" bumps the
 * account's epoch: every session created under an older one is void at once.
 */
import * as v from "valibot";
import { keys } from "../store/keys.ts";
import { readValid } from "../store/kv.ts";
import { sha256Hex as sha256 } from "../../shared/codecs/index.ts";
import { randomToken } from "../security/tokens.ts";

export const SessionSchema = v.object({
  username: v.string(),
  csrfToken: v.string(),
  createdAt: v.number(),
  expiresAt: v.number(),
  /** the account's session epoch at sign-in (sessions stored before epochs existed: 0) */
  epoch: v.optional(v.number(), 0),
});
export type Session = v.InferOutput<typeof SessionSchema>;

const EpochSchema = v.pipe(v.number(), v.integer(), v.minValue(0));
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export interface Sessions {
  create(username: string): Promise<{ token: string; session: Session }>;
  /** null when unknown, expired or ended everywhere */
  read(token: string): Promise<Session | null>;
  destroy(token: string): Promise<void>;
  /** ends every session of the account, on every device */
  endAll(username: string): Promise<void>;
  ttlSeconds: number;
}

export function createSessions(
  { kv, now, ttlSeconds, maxAgeSeconds }: { kv: Deno.Kv; now: () => Date; ttlSeconds: number; maxAgeSeconds: number },
): Sessions {
  const ttl = ttlSeconds * 1000;
  const maxAge = maxAgeSeconds * 1000;
  const write = async (tokenHash: string, session: Session) => {
    await kv.set(keys.session(tokenHash), session, { expireIn: Math.max(1000, session.expiresAt - now().getTime()) });
  };
  const epochOf = async (username: string) => {
    const { value, versionstamp } = await readValid(kv, keys.sessionEpoch(username), EpochSchema);
    return { epoch: value ?? 0, versionstamp };
  };

  return {
    ttlSeconds,
    async create(username) {
      const token = randomToken();
      const t = now().getTime();
      const { epoch } = await epochOf(username);
      const session: Session = { username, csrfToken: randomToken(), createdAt: t, expiresAt: Math.min(t + ttl, t + maxAge), epoch };
      await write(await sha256(token), session);
      return { token, session };
    },
    async read(token) {
      if (!TOKEN.test(token)) return null;
      const hash = await sha256(token);
      const { value } = await readValid(kv, keys.session(hash), SessionSchema);
      const t = now().getTime();
      // KV expiry is lazy: the stored end time decides.
      if (!value || value.expiresAt <= t || t >= value.createdAt + maxAge) return null;
      if (value.epoch !== (await epochOf(value.username)).epoch) return null;
      const end = Math.min(t + ttl, value.createdAt + maxAge);
      if (end - value.expiresAt >= ttl / 10) {
        const slid = { ...value, expiresAt: end };
        await write(hash, slid);
        return slid;
      }
      return value;
    },
    async destroy(token) {
      if (TOKEN.test(token)) await kv.delete(keys.session(await sha256(token)));
    },
    async endAll(username) {
      for (;;) {
        const { epoch, versionstamp } = await epochOf(username);
        const res = await kv.atomic().check({ key: keys.sessionEpoch(username), versionstamp }).set(keys.sessionEpoch(username), epoch + 1)
          .commit();
        if (res.ok) return;
      }
    },
  };
}
