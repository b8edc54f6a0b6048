/** The Okta sandbox: a faithful local Okta Management API for tests, demos and the CLI. */
export { createOktaSandbox, type OktaSandbox, type OktaSandboxOptions } from "./sandbox.ts";
export { type Bucket, BUCKETS, DEFAULT_RATE_LIMITS } from "./rate-limit.ts";
export { type DeliveryAttempt, type EventHook, HOOK_ELIGIBLE, type HookChaos } from "./event-hook.ts";
export { LIFECYCLE, type LifecycleAction, type Mutations } from "./mutations.ts";
export type { LogEvent } from "./logs.ts";
export { OKTA_SCOPES } from "./tokens.ts";
