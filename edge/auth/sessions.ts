/**
 * Server-side sessions in KV, keyed by the sha256 of a random cookie token. Sliding expiry:
 * each use pushes the end out by the TTL (written at most every tenth of the TTL).
 */
import * as v from "valibot";
import { keys } from "../store/keys.ts";
import { readValid } from "../store/kv.ts";
import { randomToken, sha256 } from "../store/encoding.ts";

export const SessionSchema = v.object({
  username: v.string(),
  csrfToken: v.string(),
  createdAt: v.number(),
  expiresAt: v.number(),
});
export type Session = v.InferOutput<typeof SessionSchema>;

export interface Sessions {
  create(username: string): Promise<{ token: string; session: Session }>;
  /** null when unknown or expired */
  read(token: string): Promise<Session | null>;
  destroy(token: string): Promise<void>;
  ttlSeconds: number;
}

export function createSessions({ kv, now, ttlSeconds }: { kv: Deno.Kv; now: () => Date; ttlSeconds: number }): Sessions {
  const ttl = ttlSeconds * 1000;
  const write = async (tokenHash: string, session: Session) => {
    await kv.set(keys.session(tokenHash), session, { expireIn: Math.max(1000, session.expiresAt - now().getTime()) });
  };
  return {
    ttlSeconds,
    async create(username) {
      const token = randomToken();
      const t = now().getTime();
      const session: Session = { username, csrfToken: randomToken(), createdAt: t, expiresAt: t + ttl };
      await write(await sha256(token), session);
      return { token, session };
    },
    async read(token) {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
      const hash = await sha256(token);
      const { value } = await readValid(kv, keys.session(hash), SessionSchema);
      const t = now().getTime();
      // KV expiry is lazy: the stored end time decides.
      if (!value || value.expiresAt <= t) return null;
      if (t + ttl - value.expiresAt >= ttl / 10) {
        const slid = { ...value, expiresAt: t + ttl };
        await write(hash, slid);
        return slid;
      }
      return value;
    },
    async destroy(token) {
      if (/^[A-Za-z0-9_-]{20,100}$/.test(token)) await kv.delete(keys.session(await sha256(token)));
    },
  };
}
