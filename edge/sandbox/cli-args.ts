/** Arguments of `npm run sandbox` (pure, so tests and the CLI share it). */
import { MAX_DEMO_USERS } from "./demo/generate.ts";

const DEFAULTS = { users: 2000, seed: 1, "okta-port": 8101, "genea-port": 8102 };
export type Flag = keyof typeof DEFAULTS;

export function parseArgs(args: readonly string[]): { ok: true; value: Record<Flag, number> } | { ok: false; message: string } {
  const value = { ...DEFAULTS };
  for (let i = 0; i < args.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    const flag = match?.[1];
    if (!match || !flag || !(flag in DEFAULTS)) return { ok: false, message: `Unknown argument ${args[i]}` };
    const raw = match[2] ?? args[++i];
    const n = Number(raw);
    if (raw === undefined || !Number.isInteger(n) || n < 0) {
      return { ok: false, message: `--${flag} needs a whole number, got ${raw ?? "nothing"}` };
    }
    value[flag as Flag] = n;
  }
  if (value.users > MAX_DEMO_USERS) return { ok: false, message: `--users is at most ${MAX_DEMO_USERS}` };
  if (value["okta-port"] > 65535 || value["genea-port"] > 65535) return { ok: false, message: "ports are at most 65535" };
  return { ok: true, value };
}
