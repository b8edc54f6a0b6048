/**
 * The Okta client: configuration in, read methods out. Everything from the world is
 * injectable (`fetch`, `now`, `sleep`, `random`) so tests drive it against the sandbox over
 * real sockets without waiting on wall-clock backoffs.
 */
import * as v from "valibot";
import type { DirectoryGroup, DirectoryUser } from "../../shared/directory/model.ts";
import type { DirectoryTable } from "../../shared/directory/table.ts";
import { ok, type Result } from "../../shared/result.ts";
import { oauthAuth } from "./auth-oauth.ts";
import { sswsAuth } from "./auth-ssws.ts";
import type { DirectoryChanges } from "./changes.ts";
import type { ReadCheckpoint } from "./checkpoint.ts";
import { type DirectoryRead, readChanges, readSnapshot, type Tally } from "./directory.ts";
import { type OktaErrorCode, oktaFail } from "./errors.ts";
import { type Auth, createOktaTransport, getJson, type OktaTransport } from "./http.ts";
import type { KeyInput } from "./jwt.ts";
import { listAllGroups, listAllUsers, listMembers } from "./lists.ts";
import { toDirectoryGroup, toDirectoryUser } from "./normalise.ts";
import { createReadContext, readPages } from "./pages.ts";
import { WireGroupSchema, WireUserSchema } from "./schemas.ts";
import { validate } from "../../shared/validate.ts";
import { firstLogUrl, type LogPage, readLogPage } from "./logs.ts";
import { createPacer, type Pacer } from "./rate-limit.ts";
import { DEFAULT_RETRY, type OktaRetryPolicy } from "./retry.ts";

export type OktaAuthConfig =
  | { kind: "ssws"; token: string }
  | {
    kind: "oauth";
    clientId: string;
    /** JWK (object or JSON text), PKCS#8 PEM, or a CryptoKey */
    privateKey: KeyInput;
    keyId?: string;
    /** default okta.users.read okta.groups.read (+ okta.apps.read with appId) */
    scopes?: string[];
    /** send DPoP proofs (default true; Okta answers Bearer tokens when the app does not require DPoP) */
    dpop?: boolean;
  };

export interface OktaProgress {
  requests: number;
  users: number;
  groups: number;
  memberships: number;
}

export interface OktaClientConfig {
  /** https://acme.okta.com (http only for 127.0.0.1/localhost, e.g. the sandbox) */
  baseUrl: string;
  auth: OktaAuthConfig;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** requests in flight at once (default 4) */
  maxInFlight?: number;
  onProgress?: (p: OktaProgress) => void;
  /** read only the users assigned to this Okta app (directly or via an assigned group) */
  appId?: string;
  retry?: Partial<OktaRetryPolicy>;
  /** per-request timeout (default 60 s) */
  timeoutMs?: number;
  /** share of each rate-limit bucket left for other clients (default 0.1) */
  reserveRatio?: number;
}

type R<T> = Result<T, OktaErrorCode>;

export interface OktaClient {
  /** acme.okta.com */
  readonly host: string;
  /** Everything: users of all statuses, groups, memberships (scoped to `appId` if set). */
  readDirectory(): Promise<R<DirectoryTable>>;
  /**
   * readDirectory plus the server-side watermark for the first readChanges. Given a
   * checkpoint, every page is saved as it is read and a read that stopped resumes from it.
   */
  readSnapshot(checkpoint?: ReadCheckpoint): Promise<R<DirectoryRead>>;
  /** What changed after `since` (see changes.ts); apply with applyChanges. Not with appId. */
  readChanges(since: string, options?: { overlapMs?: number; groupsSince?: string }): Promise<R<DirectoryChanges>>;
  /** Cheap live check of the credentials and scopes (one small page per list). */
  verify(): Promise<R<{ host: string; checked: string[] }>>;
  /** All users, DEPROVISIONED included (groupIds left empty). */
  listUsers(): Promise<R<DirectoryUser[]>>;
  listGroups(): Promise<R<DirectoryGroup[]>>;
  /** A group's members (groupIds left empty). */
  listGroupMembers(groupId: string): Promise<R<DirectoryUser[]>>;
  /**
   * One user by id, read now (not from a search index), with their group ids; null when
   * Okta answers 404 (the user was deleted). Used to confirm a leaver and to provision one
   * person on demand.
   */
  getUser(userId: string): Promise<R<DirectoryUser | null>>;
  /**
   * One page of the System Log in polling form: from `next` (a link an earlier page gave,
   * verbatim) or, without one, from `since` for these event types. Needs okta.logs.read.
   */
  readLog(next: string | null, since: string, eventTypes: readonly string[]): Promise<R<LogPage>>;
  /** Requests made and the most that were in flight at once, since creation. */
  stats(): { requests: number; peakInFlight: number };
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

function checkBaseUrl(baseUrl: string): R<URL> {
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch {
    return oktaFail("invalid-config", `The Okta URL ${JSON.stringify(baseUrl)} is not a URL (expected https://acme.okta.com)`);
  }
  if (u.protocol !== "https:" && !(u.protocol === "http:" && LOOPBACK.has(u.hostname))) {
    return oktaFail("invalid-config", `The Okta URL must use https (got ${u.protocol}//${u.host}): tokens are never sent in clear text`);
  }
  return ok(u);
}

export function createOktaClient(config: OktaClientConfig): OktaClient {
  const now = config.now ?? (() => Date.now());
  const sleep = config.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = config.random ?? Math.random;
  const width = Math.max(1, config.maxInFlight ?? 4);
  const retry: OktaRetryPolicy = { ...DEFAULT_RETRY, ...config.retry };
  const base = checkBaseUrl(config.baseUrl);
  const origin = base.ok ? base.value.origin : "https://invalid.invalid";
  const totals: Tally = { users: 0, groups: 0, memberships: 0 };

  const pacer: Pacer = createPacer({
    maxInFlight: width,
    now,
    sleep,
    reserveRatio: config.reserveRatio,
    resetMarginMs: retry.resetMarginMs,
  });
  const transport: OktaTransport = createOktaTransport({
    baseUrl: origin,
    fetch: config.fetch ?? ((input, init) => fetch(input, init)),
    now,
    sleep,
    random,
    pacer,
    retry,
    timeoutMs: config.timeoutMs ?? 60_000,
  });
  const emit = () => config.onProgress?.({ requests: transport.requestCount(), ...totals });
  const a = config.auth;
  const scopes = a.kind === "oauth"
    ? (a.scopes ?? ["okta.users.read", "okta.groups.read", ...(config.appId ? ["okta.apps.read"] : [])])
    : [];
  const auth: Auth = a.kind === "ssws"
    ? sswsAuth(a.token)
    : oauthAuth(transport, { clientId: a.clientId, privateKey: a.privateKey, keyId: a.keyId, scopes, dpop: a.dpop, now });

  const tally = (d: Partial<Tally>) => {
    totals.users += d.users ?? 0;
    totals.groups += d.groups ?? 0;
    totals.memberships += d.memberships ?? 0;
    emit();
  };
  const reset = () => {
    totals.users = 0;
    totals.groups = 0;
    totals.memberships = 0;
  };
  const context = () => createReadContext(transport, auth);
  const options = () => ({ width, now, appId: config.appId, tally });

  async function snapshot(checkpoint?: ReadCheckpoint): Promise<R<DirectoryRead>> {
    if (!base.ok) return base;
    reset();
    const r = await readSnapshot(context(), options(), checkpoint);
    emit();
    return r;
  }

  return {
    host: transport.host,
    readSnapshot: snapshot,
    async readDirectory() {
      const r = await snapshot();
      return r.ok ? ok(r.value.directory) : r;
    },
    async readChanges(since, opts = {}) {
      if (!base.ok) return base;
      if (config.appId) {
        return oktaFail(
          "unsupported",
          "Incremental reads cannot see app (un)assignments: use readDirectory when the client is scoped to an app",
        );
      }
      if (!Number.isFinite(Date.parse(since))) {
        return oktaFail("invalid-config", `readChanges needs an ISO timestamp, got ${JSON.stringify(since)}`);
      }
      reset();
      const groupsSince = opts.groupsSince ?? since;
      if (!Number.isFinite(Date.parse(groupsSince))) {
        return oktaFail("invalid-config", `readChanges needs an ISO groupsSince, got ${JSON.stringify(groupsSince)}`);
      }
      const r = await readChanges(context(), options(), since, opts.overlapMs ?? 5 * 60_000, groupsSince);
      emit();
      return r;
    },
    async verify() {
      if (!base.ok) return base;
      const paths = ["/api/v1/users?limit=1", "/api/v1/groups?limit=1"];
      if (config.appId) paths.push(`/api/v1/apps/${encodeURIComponent(config.appId)}/users?limit=1`);
      for (const p of paths) {
        const r = await getJson(transport, `${origin}${p}`, auth);
        if (!r.ok) return r;
        if (!v.is(v.array(v.unknown()), r.value.body)) {
          return oktaFail("malformed-response", `${transport.host} answered ${p} with something other than a list; is this an Okta org?`);
        }
      }
      return ok({ host: transport.host, checked: paths.map((p) => p.split("?")[0]) });
    },
    async listUsers() {
      if (!base.ok) return base;
      const r = await listAllUsers(context());
      return r.ok ? ok(r.value.map((u) => toDirectoryUser(u, [])).sort((x, y) => (x.id < y.id ? -1 : 1))) : r;
    },
    async listGroups() {
      if (!base.ok) return base;
      const r = await listAllGroups(context());
      return r.ok ? ok(r.value.map(toDirectoryGroup)) : r;
    },
    async listGroupMembers(groupId) {
      if (!base.ok) return base;
      const r = await listMembers(context(), groupId);
      return r.ok ? ok(r.value.map((u) => toDirectoryUser(u, []))) : r;
    },
    async getUser(userId) {
      if (!base.ok) return base;
      const ctx = context();
      const path = `/api/v1/users/${encodeURIComponent(userId)}`;
      const got = await getJson(transport, `${origin}${path}`, auth);
      if (!got.ok) return got.error.code === "not-found" ? ok(null) : got;
      const user = validate(WireUserSchema, got.value.body, `user ${userId}`);
      if (!user.ok) return oktaFail("malformed-response", `${transport.host}: ${user.error.message}`);
      const groups = await readPages(ctx, `${origin}${path}/groups`, WireGroupSchema, "user groups");
      if (!groups.ok) return groups.error.code === "not-found" ? ok(null) : groups;
      return ok(toDirectoryUser(user.value, groups.value.map((g) => g.id)));
    },
    async readLog(next, since, eventTypes) {
      if (!base.ok) return base;
      return readLogPage(transport, auth, next ?? firstLogUrl(origin, since, eventTypes));
    },
    stats: () => ({ requests: transport.requestCount(), peakInFlight: pacer.peakInFlight() }),
  };
}
