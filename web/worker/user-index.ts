/**
 * Fast person lookup inside the worker: one lower-cased "name email login" string per user,
 * scanned linearly (100,000 `includes` calls take a few milliseconds), prefix hits first.
 */
import type { DirectoryUser } from "../../shared/directory/model.ts";
import type { UserRef } from "./contract.ts";

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export function nameOf(u: DirectoryUser): string {
  const first = str(u.profile.firstName);
  const last = str(u.profile.lastName);
  return [first, last].filter(Boolean).join(" ") || str(u.profile.displayName) || u.email || u.id;
}

export function createUserIndex(users: readonly DirectoryUser[]) {
  // Built on first use: start-up should not pay for a search nobody has typed yet.
  let haystackCache: string[] | null = null;
  let idsCache: Map<string, number> | null = null;
  const haystackOf =
    () => (haystackCache ??= users.map((u) => `${nameOf(u)}\u0000${u.email ?? ""}\u0000${str(u.profile.login) ?? ""}`.toLowerCase()));
  const idsOf = () => (idsCache ??= new Map(users.map((u, i) => [u.id, i])));
  const ref = (i: number): UserRef => {
    const u = users[i];
    return { id: u.id, name: nameOf(u), email: u.email, login: str(u.profile.login) };
  };
  return {
    has: (id: string) => idsOf().has(id),
    refs: (indexes: ArrayLike<number>): UserRef[] => Array.from(indexes, ref),
    search(query: string, limit: number): UserRef[] {
      const q = query.trim().toLowerCase();
      if (!q || limit <= 0) return [];
      const haystack = haystackOf();
      const prefix: number[] = [];
      const inner: number[] = [];
      for (let i = 0; i < haystack.length && prefix.length < limit; i++) {
        const at = haystack[i].indexOf(q);
        if (at < 0) continue;
        if (at === 0 || haystack[i][at - 1] === "\u0000" || haystack[i][at - 1] === " ") prefix.push(i);
        else if (inner.length < limit) inner.push(i);
      }
      return [...prefix, ...inner].slice(0, limit).map(ref);
    },
    /** Profile keys present in the directory, for the attribute picker. */
    attributeKeys(): string[] {
      const keys = new Set<string>();
      const step = Math.max(1, Math.floor(users.length / 2000));
      for (let i = 0; i < users.length; i += step) for (const k of Object.keys(users[i].profile)) keys.add(k);
      return [...keys].sort();
    },
  };
}
export type UserIndex = ReturnType<typeof createUserIndex>;
