/**
 * The one module that speaks HTTP to the edge. Every response body is validated with the
 * shared schemas; every failure comes back as a value whose message is a sentence an admin
 * can act on. Components never fetch: stores call this.
 */
import * as v from "valibot";
import { CSRF_HEADER, ROUTES } from "../../shared/api/routes.ts";
import {
  ConnectionsInfoSchema,
  DraftSchema,
  ErrorBodySchema,
  RefreshJobSchema,
  SessionInfoSchema,
  VersionInfoSchema,
  VersionSchema,
  type ConnectionsInfo,
  type Credentials,
  type Draft,
  type GeneaConnectionInput,
  type OktaConnectionInput,
  type RefreshJob,
  type SessionInfo,
  type Version,
  type VersionInfo,
} from "../../shared/api/schemas.ts";
import { CatalogSchema, GeneaStateSchema, type Catalog, type GeneaState } from "../../shared/genea/model.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import { validate } from "../../shared/validate.ts";
import { fail, ok, type Result } from "../../shared/result.ts";

/** Failure codes the UI distinguishes: the edge's own codes pass through unchanged. */
export type ApiCode = "offline" | "bad-response" | "conflict" | "not-modified" | string;

export interface DirectoryDownload {
  bytes: Uint8Array;
  etag: string | null;
}

export interface ApiDeps {
  fetch: typeof fetch;
  /** "" for same origin */
  baseUrl?: string;
}

export type Api = ReturnType<typeof createApi>;

export function createApi({ fetch, baseUrl = "" }: ApiDeps) {
  let csrf: string | undefined;

  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h["Content-Type"] = "application/json";
    if (method !== "GET" && csrf) h[CSRF_HEADER] = csrf;
    try {
      const res = await fetch(baseUrl + path, {
        method,
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
      });
      return ok(res);
    } catch {
      return fail("offline", `Could not reach the doorsync server (${method} ${path}); check your connection.`);
    }
  }

  async function errorOf(res: Response, what: string) {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      /* not JSON: fall through to a generic sentence */
    }
    const parsed = v.safeParse(ErrorBodySchema, body);
    const code = res.status === 409 ? "conflict" : parsed.success ? parsed.output.error.code : `http-${res.status}`;
    const message = parsed.success
      ? parsed.output.error.message
      : `The server answered ${res.status} ${res.statusText} while ${what}.`;
    return fail(code, message, { status: res.status });
  }

  async function json<S extends v.GenericSchema>(
    schema: S,
    method: string,
    path: string,
    what: string,
    body?: unknown,
  ): Promise<Result<v.InferOutput<S>, ApiCode>> {
    const sent = await send(method, path, body);
    if (!sent.ok) return sent;
    const res = sent.value;
    if (!res.ok) return errorOf(res, what);
    let data: unknown;
    try {
      data = await res.json();
    } catch {
      return fail("bad-response", `The server sent something that is not JSON while ${what}.`);
    }
    const parsed = validate(schema, data, `server response while ${what}`);
    return parsed.ok ? parsed : fail("bad-response", parsed.error.message);
  }

  const remember = (r: Result<SessionInfo, ApiCode>) => {
    if (r.ok) csrf = r.value.csrfToken;
    return r;
  };

  return {
    session: async () => remember(await json(SessionInfoSchema, "GET", ROUTES.session, "checking your session")),
    setup: async (c: Credentials) =>
      remember(await json(SessionInfoSchema, "POST", ROUTES.setup, "creating the first admin", c)),
    signIn: async (c: Credentials) => remember(await json(SessionInfoSchema, "POST", ROUTES.signIn, "signing in", c)),
    signOut: async () => {
      const r = await send("POST", ROUTES.signOut);
      csrf = undefined;
      return r.ok ? ok(undefined) : r;
    },
    connections: (): Promise<Result<ConnectionsInfo, ApiCode>> =>
      json(ConnectionsInfoSchema, "GET", ROUTES.connections, "reading the connections"),
    connectOkta: (input: OktaConnectionInput) =>
      json(ConnectionsInfoSchema, "PUT", ROUTES.oktaConnection, "connecting Okta", input),
    connectGenea: (input: GeneaConnectionInput) =>
      json(ConnectionsInfoSchema, "PUT", ROUTES.geneaConnection, "connecting Genea", input),
    startRefresh: (): Promise<Result<RefreshJob, ApiCode>> =>
      json(RefreshJobSchema, "POST", ROUTES.directoryRefresh, "starting a directory refresh"),
    refreshJob: (id: string): Promise<Result<RefreshJob, ApiCode>> =>
      json(RefreshJobSchema, "GET", `${ROUTES.directoryRefresh}/${encodeURIComponent(id)}`, "checking the refresh"),
    /** The compact snapshot; `not-modified` when `etag` is still current. */
    directory: async (etag: string | null): Promise<Result<DirectoryDownload, ApiCode>> => {
      const sent = await send("GET", ROUTES.directory, undefined, etag ? { "If-None-Match": etag } : {});
      if (!sent.ok) return sent;
      const res = sent.value;
      if (res.status === 304) return fail("not-modified", "The cached directory is current.");
      if (!res.ok) return errorOf(res, "downloading the directory");
      const bytes = new Uint8Array(await res.arrayBuffer());
      return ok({ bytes, etag: res.headers.get("ETag") });
    },
    catalog: (): Promise<Result<Catalog, ApiCode>> =>
      json(CatalogSchema, "GET", ROUTES.catalog, "reading the Genea catalog"),
    geneaState: (): Promise<Result<GeneaState, ApiCode>> =>
      json(GeneaStateSchema, "GET", ROUTES.geneaState, "reading the current Genea state"),
    draft: (): Promise<Result<Draft, ApiCode>> => json(DraftSchema, "GET", ROUTES.draft, "loading the draft"),
    saveDraft: (ruleSet: RuleSet, baseVersion: number): Promise<Result<Draft, ApiCode>> =>
      json(DraftSchema, "PUT", ROUTES.draft, "saving the draft", { ruleSet, baseVersion }),
    versions: (): Promise<Result<VersionInfo[], ApiCode>> =>
      json(v.array(VersionInfoSchema), "GET", ROUTES.versions, "listing published versions"),
    version: (n: number): Promise<Result<Version, ApiCode>> =>
      json(VersionSchema, "GET", `${ROUTES.versions}/${n}`, `reading version ${n}`),
    publish: (note: string, expectedVersion: number, ruleSet: RuleSet): Promise<Result<VersionInfo, ApiCode>> =>
      json(VersionInfoSchema, "POST", ROUTES.publish, "publishing", { note, expectedVersion, ruleSet }),
    importLink: (link: string): Promise<Result<Draft, ApiCode>> =>
      json(DraftSchema, "POST", ROUTES.importLink, "importing the link", { link }),
  };
}
