/**
 * Settings from the environment, read once by the entry file and passed in. Every variable
 * is documented in docs/edge.md. Pure: takes the env as a plain record.
 */
import * as v from "valibot";
import { fail, ok, type Result } from "../shared/result.ts";
import { isPasswordHash, PBKDF2_ITERATIONS } from "./auth/password.ts";

export interface Config {
  port: number;
  kvPath: string;
  /** base64 of a 32-byte AES key; null → the entry file loads/creates `secretKeyPath` */
  secretKey: string | null;
  secretKeyPath: string;
  adminUsername: string;
  /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` (see auth/password.ts) */
  adminPasswordHash: string | null;
  oktaAllowedHosts: string[];
  sessionTtlSeconds: number;
  /** absolute session lifetime: no use extends a session past createdAt + this */
  sessionMaxAgeSeconds: number;
  /** how long a sync or refresh job's lease lives without a heartbeat (takeover delay after a crash) */
  jobLeaseSeconds: number;
  /** people in the demo organisation */
  demoUsers: number;
  /** Tests only: lets Okta/Genea connections point at http://127.0.0.1 sandboxes. */
  allowLocalUpstreams: boolean;
  geneaBaseUrl: string;
  oktaHookSecret: string | null;
  distDir: string;
  /** false (DOORSYNC_DEMO=0) never starts the demo sandboxes */
  demo: boolean;
  signInMaxAttempts: number;
  signInWindowSeconds: number;
}

// Every message is written out: valibot's defaults quote the received value, which may be a secret.
const Int = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^\d+$/, "must be a whole number"),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
const Switch = v.picklist(["0", "1"], "must be 0 or 1");

const EnvSchema = v.object({
  // (empty values are dropped before parsing, so defaults apply)
  PORT: v.optional(Int(0, 65535), "8000"),
  DOORSYNC_KV_PATH: v.optional(v.string(), "./data/doorsync.kv"),
  DOORSYNC_SECRET_KEY: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 bytes in base64"))),
  DOORSYNC_SECRET_KEY_PATH: v.optional(v.string()),
  DOORSYNC_ADMIN_USERNAME: v.optional(
    v.pipe(v.string(), v.trim(), v.minLength(1, "must not be blank"), v.maxLength(100, "must be at most 100 characters")),
    "admin",
  ),
  DOORSYNC_ADMIN_PASSWORD_HASH: v.optional(
    v.pipe(
      v.string(),
      v.check(isPasswordHash, `must be pbkdf2-sha256$<iterations ≥ ${PBKDF2_ITERATIONS}>$<salt>$<hash> (deno task hash-password)`),
    ),
  ),
  DOORSYNC_OKTA_ALLOWED_HOSTS: v.optional(v.string(), ""),
  DOORSYNC_SESSION_TTL_SECONDS: v.optional(Int(1, 30 * 24 * 3600), String(12 * 3600)),
  DOORSYNC_SESSION_MAX_AGE_SECONDS: v.optional(Int(1, 365 * 24 * 3600), String(7 * 24 * 3600)),
  DOORSYNC_JOB_LEASE_SECONDS: v.optional(Int(3, 3600), "60"),
  DOORSYNC_DEMO_USERS: v.optional(Int(1, 100_000), "2000"),
  DOORSYNC_ALLOW_LOCAL_UPSTREAMS: v.optional(Switch, "0"),
  DOORSYNC_GENEA_BASE_URL: v.optional(v.pipe(v.string(), v.url("must be a URL")), "https://api.sequr.io"),
  DOORSYNC_OKTA_HOOK_SECRET: v.optional(v.pipe(v.string(), v.minLength(16, "must have at least 16 characters"))),
  DOORSYNC_DIST_DIR: v.optional(v.string(), "./dist"),
  DOORSYNC_DEMO: v.optional(Switch, "1"),
  DOORSYNC_SIGNIN_MAX_ATTEMPTS: v.optional(Int(1, 1000), "5"),
  DOORSYNC_SIGNIN_WINDOW_SECONDS: v.optional(Int(1, 24 * 3600), "900"),
});

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "." : path.slice(0, i);
}

export function readConfig(env: Record<string, string | undefined>): Result<Config, "invalid-config"> {
  const present = Object.fromEntries(Object.entries(env).filter(([k, val]) => k in EnvSchema.entries && val !== ""));
  const parsed = v.safeParse(EnvSchema, present);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const name = issue.path?.map((p) => String(p.key)).join(".") ?? "environment";
    // Never echo the value: it may be a secret.
    return fail("invalid-config", `${name} ${issue.message}`);
  }
  const e = parsed.output;
  return ok({
    port: e.PORT,
    kvPath: e.DOORSYNC_KV_PATH,
    secretKey: e.DOORSYNC_SECRET_KEY ?? null,
    secretKeyPath: e.DOORSYNC_SECRET_KEY_PATH ?? `${dirOf(e.DOORSYNC_KV_PATH)}/secret.key`,
    adminUsername: e.DOORSYNC_ADMIN_USERNAME,
    adminPasswordHash: e.DOORSYNC_ADMIN_PASSWORD_HASH ?? null,
    oktaAllowedHosts: e.DOORSYNC_OKTA_ALLOWED_HOSTS.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean),
    sessionTtlSeconds: e.DOORSYNC_SESSION_TTL_SECONDS,
    sessionMaxAgeSeconds: e.DOORSYNC_SESSION_MAX_AGE_SECONDS,
    jobLeaseSeconds: e.DOORSYNC_JOB_LEASE_SECONDS,
    demoUsers: e.DOORSYNC_DEMO_USERS,
    allowLocalUpstreams: e.DOORSYNC_ALLOW_LOCAL_UPSTREAMS === "1",
    geneaBaseUrl: e.DOORSYNC_GENEA_BASE_URL.replace(/\/+$/, ""),
    oktaHookSecret: e.DOORSYNC_OKTA_HOOK_SECRET ?? null,
    distDir: e.DOORSYNC_DIST_DIR,
    demo: e.DOORSYNC_DEMO === "1",
    signInMaxAttempts: e.DOORSYNC_SIGNIN_MAX_ATTEMPTS,
    signInWindowSeconds: e.DOORSYNC_SIGNIN_WINDOW_SECONDS,
  });
}
