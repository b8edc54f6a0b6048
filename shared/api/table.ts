/**
 * The route table: per `/api` route its method, path, request body schema, success body
 * schema and the error codes it can answer with (besides the ones every route can: see
 * COMMON_ERRORS). The edge registers and reads bodies from these entries; the web client
 * validates answers with the same schemas, and both speak the codes of errors.ts.
 */
import * as v from "valibot";
import { CatalogSchema, GeneaStateSchema } from "../genea/model.ts";
import type { ApiErrorCode } from "./errors.ts";
import { ROUTES } from "./routes.ts";
import {
  ConnectionsInfoSchema,
  CredentialsSchema,
  DraftInputSchema,
  DraftSchema,
  GeneaConnectionInputSchema,
  HealthSchema,
  ImportInputSchema,
  OktaConnectionInputSchema,
  OktaHookDeliverySchema,
  OktaHookVerificationSchema,
  PublishInputSchema,
  RefreshJobSchema,
  RollbackInputSchema,
  RuleSetDiffSchema,
  SessionInfoSchema,
  VersionInfoSchema,
  VersionSchema,
} from "./schemas.ts";
import { LogPollSchema, StartSyncInputSchema, SyncSettingsSchema, SyncStatusSchema } from "./sync.ts";
import { ApprovedSchema, EntryPageSchema, PersonHistorySchema, StartedSchema, SyncRunViewSchema } from "./sync-views.ts";

export type Method = "GET" | "POST" | "PUT";

export interface RouteSpec {
  method: Method;
  /** a Hono-style path; `:name` segments are path parameters */
  path: string;
  /** the JSON request body's schema; null: the route reads no body */
  input: v.GenericSchema | null;
  /** the JSON success body's schema; null: the success body is not JSON (bytes, CSV, events) */
  output: v.GenericSchema | null;
  /** the codes this route answers with besides COMMON_ERRORS */
  errors: readonly ApiErrorCode[];
}

/** Any route can answer these: the guard's refusals, an unknown path, a bug. */
export const COMMON_ERRORS = ["unauthorized", "forbidden", "csrf", "not-found", "internal"] as const satisfies readonly ApiErrorCode[];
/** Every route with a JSON body can refuse the body (see edge/routes/http.ts readJson). */
const BODY = ["invalid", "bad-json", "too-large", "unsupported-media-type"] as const satisfies readonly ApiErrorCode[];

const route = <const S extends RouteSpec>(spec: S): S => spec;
const get = <O extends v.GenericSchema | null, const E extends readonly ApiErrorCode[]>(path: string, output: O, errors: E) =>
  route({ method: "GET", path, input: null, output, errors });
/** A route that reads a JSON body, so it can also refuse the body (BODY) besides its own `errors`. */
const withBody = <I extends v.GenericSchema, O extends v.GenericSchema | null, const E extends readonly ApiErrorCode[]>(
  method: "POST" | "PUT",
  path: string,
  input: I,
  output: O,
  errors: E,
) => route({ method, path, input, output, errors: [...BODY, ...errors] });

export const API = {
  health: get(ROUTES.health, HealthSchema, []),
  session: get(ROUTES.session, SessionInfoSchema, []),
  setup: withBody("POST", ROUTES.setup, CredentialsSchema, SessionInfoSchema, ["already-set-up"]),
  signIn: withBody("POST", ROUTES.signIn, CredentialsSchema, SessionInfoSchema, ["rate-limited", "unauthorized"]),
  signOut: route({ method: "POST", path: ROUTES.signOut, input: null, output: SessionInfoSchema, errors: [] }),
  signOutEverywhere: route({ method: "POST", path: ROUTES.signOutEverywhere, input: null, output: SessionInfoSchema, errors: [] }),

  connections: get(ROUTES.connections, ConnectionsInfoSchema, []),
  connectOkta: withBody("PUT", ROUTES.oktaConnection, OktaConnectionInputSchema, ConnectionsInfoSchema, [
    "invalid-domain",
    "connection-failed",
  ]),
  connectGenea: withBody("PUT", ROUTES.geneaConnection, GeneaConnectionInputSchema, ConnectionsInfoSchema, ["connection-failed"]),

  directory: get(ROUTES.directory, null, ["not-found", "precondition-failed", "range-not-satisfiable"]),
  startRefresh: route({ method: "POST", path: ROUTES.directoryRefresh, input: null, output: RefreshJobSchema, errors: ["not-connected"] }),
  refreshJob: get(`${ROUTES.directoryRefresh}/:id`, RefreshJobSchema, ["not-found"]),
  refreshEvents: get(`${ROUTES.directoryRefresh}/:id/events`, null, ["not-found"]),

  catalog: get(ROUTES.catalog, CatalogSchema, ["not-connected", "upstream"]),
  geneaState: get(ROUTES.geneaState, GeneaStateSchema, ["not-connected", "upstream"]),

  draft: get(ROUTES.draft, DraftSchema, []),
  saveDraft: withBody("PUT", ROUTES.draft, DraftInputSchema, DraftSchema, ["draft-conflict"]),
  publish: withBody("POST", ROUTES.publish, PublishInputSchema, VersionInfoSchema, ["conflict", "lint-errors", "catalog-unavailable"]),
  versions: get(ROUTES.versions, v.array(VersionInfoSchema), []),
  version: get(`${ROUTES.versions}/:n`, VersionSchema, ["invalid", "not-found"]),
  diff: get(ROUTES.diff, RuleSetDiffSchema, ["invalid", "not-found"]),
  rollback: withBody("POST", ROUTES.rollback, RollbackInputSchema, VersionInfoSchema, [
    "not-found",
    "conflict",
    "lint-errors",
    "catalog-unavailable",
  ]),
  importLink: withBody("POST", ROUTES.importLink, ImportInputSchema, DraftSchema, ["draft-conflict"]),

  oktaHookVerify: get(ROUTES.oktaHook, OktaHookVerificationSchema, ["not-found", "invalid"]),
  oktaHook: withBody(
    "POST",
    ROUTES.oktaHook,
    OktaHookDeliverySchema,
    v.object({ received: v.number(), fresh: v.number(), duplicates: v.number() }),
    ["not-found", "rate-limited", "unauthorized"],
  ),

  syncStatus: get(ROUTES.syncStatus, SyncStatusSchema, []),
  startSync: withBody("POST", ROUTES.syncRuns, StartSyncInputSchema, StartedSchema, ["no-rules", "not-connected", "awaiting-approval"]),
  syncRuns: get(ROUTES.syncRuns, v.array(SyncRunViewSchema), ["invalid"]),
  syncRun: get(`${ROUTES.syncRuns}/:id`, SyncRunViewSchema, ["not-found"]),
  syncOperations: get(`${ROUTES.syncRuns}/:id/operations`, EntryPageSchema, ["not-found", "invalid"]),
  syncOperationsCsv: get(`${ROUTES.syncRuns}/:id/operations.csv`, null, ["not-found"]),
  approveRun: route({
    method: "POST",
    path: `${ROUTES.syncRuns}/:id/approve`,
    input: null,
    output: ApprovedSchema,
    errors: ["not-found", "not-awaiting", "busy", "no-rules", "not-connected", "awaiting-approval"],
  }),
  rejectRun: route({
    method: "POST",
    path: `${ROUTES.syncRuns}/:id/reject`,
    input: null,
    output: SyncRunViewSchema,
    errors: ["not-found", "not-awaiting", "busy"],
  }),
  syncLogPoll: route({ method: "POST", path: ROUTES.syncLogPoll, input: null, output: LogPollSchema, errors: [] }),
  syncSettings: get(ROUTES.syncSettings, SyncSettingsSchema, []),
  saveSyncSettings: withBody("PUT", ROUTES.syncSettings, SyncSettingsSchema, SyncSettingsSchema, []),
  personHistory: get(`${ROUTES.syncUsers}/:oktaId/history`, PersonHistorySchema, ["not-found", "invalid"]),
} as const satisfies Record<string, RouteSpec>;

export type ApiRoute = keyof typeof API;

/** The codes a route can answer with: its own (`errors`) and the ones every route can. */
export type RouteCode<S extends RouteSpec> = S["errors"][number] | (typeof COMMON_ERRORS)[number];

/** The entry's path with its `:name` segments filled in, each value URI-encoded. */
export function pathOf(spec: RouteSpec, params: Record<string, string | number> = {}): string {
  return spec.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathOf: no value for :${name} in ${spec.path}`);
    return encodeURIComponent(String(value));
  });
}
