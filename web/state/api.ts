/**
 * The one module that speaks HTTP to the edge. Every response body is validated with the
 * shared schemas; every failure comes back as a value whose message is a sentence an admin
 * can act on. Components never fetch: stores call this.
 */
import * as v from "valibot";
import type { ApiErrorCode } from "../../shared/api/errors.ts";
import { CSRF_HEADER } from "../../shared/api/routes.ts";
import { API, COMMON_ERRORS, pathOf, type RouteCode, type RouteSpec } from "../../shared/api/table.ts";
import {
  type Credentials,
  type Draft,
  type DraftConflict,
  DraftConflictSchema,
  ErrorBodySchema,
  type GeneaConnectionInput,
  type OktaConnectionInput,
  type SessionInfo,
} from "../../shared/api/schemas.ts";
import type { StartSyncInput, SyncSettings } from "../../shared/api/sync.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import { validate } from "../../shared/validate.ts";
import { fail, ok, type Result } from "../../shared/result.ts";
import type { EntryFilter } from "../../shared/api/sync-views.ts";

/**
 * Failure codes the UI distinguishes: the edge's own (shared/api/errors.ts) pass through
 * unchanged; the client adds its own for what went wrong on the way. Each call's result
 * names only the codes its route-table entry lists (RouteCode) and the client's; an error
 * body with another code, or none (a proxy's page), is `http-<status>`.
 */
export type ApiCode = ApiErrorCode | ClientCode;
export type ClientCode = "offline" | "bad-response" | "not-modified" | "changed" | `http-${number}`;

/** The other save's details (who, when, which revision) carried by a `draft-conflict` failure. */
export function draftConflictOf(error: Record<string, unknown>): DraftConflict | null {
  if (error.code !== "draft-conflict") return null;
  const parsed = v.safeParse(DraftConflictSchema, { error });
  return parsed.success ? parsed.output.error : null;
}

/** One byte range of the snapshot (`end` inclusive) and the conditions it is asked under. */
export interface DirectoryRangeRequest {
  start: number;
  end: number;
  /** the ETag the chunks held so far belong to: a changed snapshot fails `changed` */
  ifMatch: string | null;
  /** the complete snapshot held: `not-modified` while it is current */
  ifNoneMatch: string | null;
}

/** A range as asked, or the whole snapshot from an edge (or proxy) that ignored the range. */
export type DirectoryBytes =
  | { kind: "range"; bytes: Uint8Array; etag: string; start: number; size: number }
  | { kind: "whole"; bytes: Uint8Array; etag: string };

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+)$/;

export interface ApiDeps {
  fetch: typeof fetch;
  /** "" for same origin */
  baseUrl?: string;
}

export type Api = ReturnType<typeof createApi>;

function entryQuery(filter: EntryFilter, after: number, limit: number): string {
  const q = new URLSearchParams();
  if (filter.user) q.set("user", filter.user);
  if (filter.property) q.set("property", filter.property);
  if (filter.result) q.set("result", filter.result);
  q.set("after", String(after));
  q.set("limit", String(limit));
  return q.toString();
}

/** Does route `spec` answer `code` (its own codes and the common ones)? */
const answersFor = <S extends RouteSpec>(spec: S) => (code: string): code is RouteCode<S> =>
  COMMON_ERRORS.some((c) => c === code) || spec.errors.some((c) => c === code);

export function createApi({ fetch, baseUrl = "" }: ApiDeps) {
  let csrf: string | undefined;

  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, cache?: RequestCache) {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h["Content-Type"] = "application/json";
    if (method !== "GET" && csrf) h[CSRF_HEADER] = csrf;
    try {
      const res = await fetch(baseUrl + path, {
        method,
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        ...(cache ? { cache } : {}),
      });
      return ok(res);
    } catch {
      return fail("offline", `Could not reach the doorsync server (${method} ${path}); check your connection.`);
    }
  }

  /** The edge's code when the route's table entry lists it; another is `http-<status>` (a proxy's, or a bug). */
  async function errorOf<C extends ApiErrorCode>(res: Response, what: string, answers: (code: string) => code is C) {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      /* not JSON: fall through to a generic sentence */
    }
    const parsed = v.safeParse(ErrorBodySchema, body);
    const sent = parsed.success && answers(parsed.output.error.code) ? parsed.output.error.code : null;
    const conflict = "conflict";
    const code: C | ClientCode = sent ?? (res.status === 409 && answers(conflict) ? conflict : `http-${res.status}`);
    const message = parsed.success ? parsed.output.error.message : `The server answered ${res.status} ${res.statusText} while ${what}.`;
    return fail(code, message, { status: res.status, body });
  }

  /** A route of the table: its method and path, its answer checked with its output schema. */
  async function call<S extends RouteSpec & { output: v.GenericSchema }>(
    spec: S,
    what: string,
    { params, query, body }: { params?: Record<string, string | number>; query?: string; body?: unknown } = {},
  ): Promise<Result<v.InferOutput<S["output"]>, RouteCode<S> | ClientCode>> {
    const sent = await send(spec.method, pathOf(spec, params) + (query ? `?${query}` : ""), body);
    if (!sent.ok) return sent;
    const res = sent.value;
    if (!res.ok) return errorOf(res, what, answersFor(spec));
    let data: unknown;
    try {
      data = await res.json();
    } catch {
      return fail("bad-response", `The server sent something that is not JSON while ${what}.`);
    }
    const parsed = validate(spec.output, data, `server response while ${what}`);
    return parsed.ok ? parsed : fail("bad-response", parsed.error.message);
  }

  const remember = (r: Result<SessionInfo, ApiCode>) => {
    if (r.ok) csrf = r.value.csrfToken;
    return r;
  };

  return {
    session: async () => remember(await call(API.session, "checking your session")),
    setup: async (c: Credentials) => remember(await call(API.setup, "creating the first admin", { body: c })),
    signIn: async (c: Credentials) => remember(await call(API.signIn, "signing in", { body: c })),
    signOut: async () => {
      const r = await send(API.signOut.method, API.signOut.path);
      csrf = undefined;
      return r.ok ? ok(undefined) : r;
    },
    connections: () => call(API.connections, "reading the connections"),
    connectOkta: (input: OktaConnectionInput) => call(API.connectOkta, "connecting Okta", { body: input }),
    connectGenea: (input: GeneaConnectionInput) => call(API.connectGenea, "connecting Genea", { body: input }),
    startRefresh: () => call(API.startRefresh, "starting a directory refresh"),
    refreshJob: (id: string) => call(API.refreshJob, "checking the refresh", { params: { id } }),
    /**
     * One range of the compact snapshot. `changed` (412) carries the snapshot's new `etag`; a
     * connection that drops mid-body is `offline`, like one that never connected.
     */
    directoryRange: async (asked: DirectoryRangeRequest): Promise<Result<DirectoryBytes, ApiCode>> => {
      const what = `the directory snapshot's bytes ${asked.start}–${asked.end}`;
      const headers: Record<string, string> = { Range: `bytes=${asked.start}-${asked.end}` };
      if (asked.ifMatch) headers["If-Match"] = asked.ifMatch;
      if (asked.ifNoneMatch) headers["If-None-Match"] = asked.ifNoneMatch;
      // The chunks are kept in IndexedDB: a second copy in the HTTP cache would only take disk.
      const sent = await send(API.directory.method, API.directory.path, undefined, headers, "no-store");
      if (!sent.ok) return sent;
      const res = sent.value;
      const etag = res.headers.get("ETag");
      if (res.status === 304) return fail("not-modified", "The cached directory is current.");
      if (res.status === 412) return fail("changed", "The directory snapshot changed on the server during the download.", { etag });
      if (!res.ok) return errorOf(res, `downloading ${what}`, answersFor(API.directory));
      if (!etag) return fail("bad-response", `The server sent ${what} without an ETag.`);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await res.arrayBuffer());
      } catch {
        return fail("offline", `The connection dropped while downloading ${what}; the download resumes from the last complete chunk.`);
      }
      if (res.status === 200) return ok({ kind: "whole", bytes, etag });
      const range = CONTENT_RANGE.exec(res.headers.get("Content-Range") ?? "");
      const [start, end, size] = range ? [Number(range[1]), Number(range[2]), Number(range[3])] : [NaN, NaN, NaN];
      if (res.status !== 206 || start !== asked.start || end < start || end >= size || bytes.length !== end - start + 1) {
        return fail(
          "bad-response",
          `The server answered ${what} with ${res.status}, Content-Range "${res.headers.get("Content-Range")}" and ${bytes.length} bytes.`,
        );
      }
      return ok({ kind: "range", bytes, etag, start, size });
    },
    catalog: () => call(API.catalog, "reading the Genea catalog"),
    geneaState: () => call(API.geneaState, "reading the current Genea state"),
    draft: () => call(API.draft, "loading the draft"),
    /** Save against `revision`; a newer one on the edge comes back as `draft-conflict` with who saved it. */
    saveDraft: async (ruleSet: RuleSet, baseVersion: number, revision: number): Promise<Result<Draft, ApiCode>> => {
      const r = await call(API.saveDraft, "saving the draft", { body: { ruleSet, baseVersion, revision } });
      if (r.ok || r.error.code !== "draft-conflict") return r;
      const conflict = v.safeParse(DraftConflictSchema, r.error.body);
      if (!conflict.success) return fail("bad-response", "The server refused the draft save as a conflict without saying who saved first.");
      return fail("draft-conflict", conflict.output.error.message, conflict.output.error);
    },
    versions: () => call(API.versions, "listing published versions"),
    version: (n: number) => call(API.version, `reading version ${n}`, { params: { n } }),
    publish: (note: string, expectedVersion: number, ruleSet: RuleSet) =>
      call(API.publish, "publishing", { body: { note, expectedVersion, ruleSet } }),
    diff: (from: number, to: number) => call(API.diff, `comparing versions ${from} and ${to}`, { query: `from=${from}&to=${to}` }),
    rollback: (version: number, note: string, expectedVersion: number) =>
      call(API.rollback, `rolling back to version ${version}`, { body: { version, note, expectedVersion } }),

    syncStatus: () => call(API.syncStatus, "reading the sync status"),
    startSync: (input: StartSyncInput) => call(API.startSync, "starting a sync", { body: input }),
    syncRuns: (limit: number) => call(API.syncRuns, "listing sync runs", { query: `limit=${limit}` }),
    syncRun: (id: string) => call(API.syncRun, "reading a sync run", { params: { id } }),
    /** One page of a run's audit entries, in plan order, after `after` (a seq; -1 from the start). */
    syncOperations: (id: string, filter: EntryFilter, after: number, limit: number) =>
      call(API.syncOperations, "reading a run's operations", { params: { id }, query: entryQuery(filter, after, limit) }),
    /** Where the browser downloads a run's operations as CSV (a plain link: the session cookie goes along). */
    operationsCsvUrl: (id: string) => `${baseUrl}${pathOf(API.syncOperationsCsv, { id })}`,
    approveRun: (id: string) => call(API.approveRun, "approving the stopped run", { params: { id } }),
    rejectRun: (id: string) => call(API.rejectRun, "rejecting the stopped run", { params: { id } }),
    syncSettings: () => call(API.syncSettings, "reading the sync settings"),
    saveSyncSettings: (settings: SyncSettings) => call(API.saveSyncSettings, "saving the sync settings", { body: settings }),
    personHistory: (oktaId: string, limit = 200) =>
      call(API.personHistory, "reading what doorsync did to this person", { params: { oktaId }, query: `limit=${limit}` }),
  };
}
