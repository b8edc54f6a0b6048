/** Request and response bodies of the edge API (see routes.ts). Types come from schemas. */
import * as v from "valibot";
import { RuleSetSchema } from "../rules/model.ts";
import { LogEventSchema } from "../directory/events.ts";

export const ErrorBodySchema = v.object({
  error: v.object({ code: v.string(), message: v.string() }),
});
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;

export const CredentialsSchema = v.strictObject({
  username: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  password: v.pipe(v.string(), v.minLength(12, "use at least 12 characters"), v.maxLength(256)),
});
export type Credentials = v.InferOutput<typeof CredentialsSchema>;

export const SessionInfoSchema = v.object({
  state: v.picklist(["setup-required", "signed-out", "signed-in"]),
  username: v.optional(v.string()),
  csrfToken: v.optional(v.string()),
  demo: v.boolean(),
});
export type SessionInfo = v.InferOutput<typeof SessionInfoSchema>;

export const ConnectionStatusSchema = v.object({
  connected: v.boolean(),
  /** e.g. "acme.okta.com" or the Genea customer name */
  target: v.nullable(v.string()),
  /** last four characters of the secret, e.g. "1a2b" */
  secretHint: v.nullable(v.string()),
  lastCheckedAt: v.nullable(v.string()),
  error: v.nullable(v.string()),
});
export type ConnectionStatus = v.InferOutput<typeof ConnectionStatusSchema>;

export const ConnectionsInfoSchema = v.object({
  demo: v.boolean(),
  okta: ConnectionStatusSchema,
  genea: ConnectionStatusSchema,
});
export type ConnectionsInfo = v.InferOutput<typeof ConnectionsInfoSchema>;

export const OktaConnectionInputSchema = v.strictObject({
  domain: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  auth: v.variant("kind", [
    v.strictObject({ kind: v.literal("ssws"), token: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
    v.strictObject({
      kind: v.literal("oauth"),
      clientId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
      /** PKCS#8 PEM or a private JWK (JSON) */
      privateKey: v.pipe(v.string(), v.minLength(1), v.maxLength(10_000)),
      keyId: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
  ]),
});
export type OktaConnectionInput = v.InferOutput<typeof OktaConnectionInputSchema>;

export const GeneaConnectionInputSchema = v.strictObject({
  apiKey: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
});
export type GeneaConnectionInput = v.InferOutput<typeof GeneaConnectionInputSchema>;

export const RefreshJobSchema = v.object({
  id: v.string(),
  state: v.picklist(["running", "done", "failed"]),
  requests: v.number(),
  users: v.number(),
  groups: v.number(),
  error: v.nullable(v.string()),
  startedAt: v.string(),
  finishedAt: v.nullable(v.string()),
});
export type RefreshJob = v.InferOutput<typeof RefreshJobSchema>;

export const DraftSchema = v.object({
  ruleSet: RuleSetSchema,
  /** the published version this draft started from (0 = none yet) */
  baseVersion: v.number(),
  /** increases with every save (0 = never saved); a save names the revision it edited */
  revision: v.number(),
  updatedAt: v.nullable(v.string()),
  updatedBy: v.nullable(v.string()),
});
export type Draft = v.InferOutput<typeof DraftSchema>;

/**
 * A rule-set version number in a request body: a whole number up to 999,999,999, the same
 * bound as a version in a path (`/api/rules/versions/:n`). `1e300` is an integer to
 * JavaScript, so integer() alone is not a bound.
 */
export const MAX_VERSION = 999_999_999;
const VersionNumber = (min: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(MAX_VERSION, `must be at most ${MAX_VERSION}`));

export const DraftInputSchema = v.strictObject({
  ruleSet: v.unknown(), // parsed with parseRuleSet for path-naming errors
  baseVersion: VersionNumber(0),
  /** the draft revision this save edited; another revision on the edge answers 409 `draft-conflict` */
  revision: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
});

/** 409 to a draft save naming a stale revision: who saved the newer one, and when. */
export const DraftConflictSchema = v.object({
  error: v.object({
    code: v.literal("draft-conflict"),
    message: v.string(),
    revision: v.number(),
    updatedBy: v.nullable(v.string()),
    updatedAt: v.nullable(v.string()),
  }),
});
export type DraftConflict = v.InferOutput<typeof DraftConflictSchema>["error"];

export const VersionInfoSchema = v.object({
  version: v.number(),
  publishedAt: v.string(),
  publishedBy: v.string(),
  note: v.string(),
  contentHash: v.string(),
  rolledBackFrom: v.nullable(v.number()),
});
export type VersionInfo = v.InferOutput<typeof VersionInfoSchema>;

export const VersionSchema = v.object({ ...VersionInfoSchema.entries, ruleSet: RuleSetSchema });
export type Version = v.InferOutput<typeof VersionSchema>;

export const PublishInputSchema = v.strictObject({
  note: v.pipe(v.string(), v.maxLength(1000)),
  /** the latest version the admin saw; a different current version is a conflict */
  expectedVersion: VersionNumber(0),
  ruleSet: v.optional(v.unknown()), // defaults to the saved draft
});
export const RollbackInputSchema = v.strictObject({
  version: VersionNumber(1),
  note: v.pipe(v.string(), v.maxLength(1000)),
  expectedVersion: VersionNumber(0),
});
export const ImportInputSchema = v.strictObject({
  link: v.pipe(v.string(), v.maxLength(200_000)),
  /** when given, the import is refused with `draft-conflict` unless the draft is at this revision */
  revision: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER))),
});

/** GET /api/rules/diff?from=n&to=m (version 0 is the empty rule set before any publication). */
export const PropertyRulesDiffSchema = v.object({
  locationUuid: v.string(),
  /** the property appears only in `to` ("added"), only in `from` ("removed"), or in both */
  status: v.picklist(["added", "removed", "changed"]),
  /** rule ids */
  added: v.array(v.string()),
  removed: v.array(v.string()),
  /** same id, different content */
  changed: v.array(v.string()),
  /** kept rules whose priority order changed; indexes are positions in the property's list */
  moved: v.array(v.object({ ruleId: v.string(), from: v.number(), to: v.number() })),
});
export type PropertyRulesDiff = v.InferOutput<typeof PropertyRulesDiffSchema>;

export const RuleSetDiffSchema = v.object({
  from: v.number(),
  to: v.number(),
  settingsChanged: v.boolean(),
  /** only properties with a change */
  properties: v.array(PropertyRulesDiffSchema),
});
export type RuleSetDiff = v.InferOutput<typeof RuleSetDiffSchema>;

/** GET /api/health */
export const HealthSchema = v.object({ ok: v.literal(true), demo: v.boolean(), version: v.string() });
export type Health = v.InferOutput<typeof HealthSchema>;

/** POST /api/hooks/okta: Okta's envelope carries more fields than these; only the events are read. */
export const OktaHookDeliverySchema = v.object({
  data: v.object({ events: v.pipe(v.array(LogEventSchema), v.maxLength(1000)) }),
});

/** GET /api/hooks/okta: the verification challenge echoed back. */
export const OktaHookVerificationSchema = v.object({ verification: v.string() });
