/**
 * Test-only routes under /sandbox (no auth, no rate limits, never Okta paths):
 *   POST   /sandbox/users                          {profile, activate?, id?} → 201 User
 *   POST   /sandbox/users/:id/profile              {profile} (partial; null clears) → User
 *   POST   /sandbox/users/:id/lifecycle/:action    activate|reactivate|deactivate|suspend|unsuspend|lock|unlock|expire_password → User
 *   DELETE /sandbox/users/:id                      DEPROVISIONED only → 204
 *   POST   /sandbox/groups                         {name, description?, id?} → 201 Group
 *   POST   /sandbox/groups/:id/profile             {name?, description?} → Group
 *   DELETE /sandbox/groups/:id                     → 204
 *   PUT    /sandbox/groups/:id/users/:userId       add member → 204
 *   DELETE /sandbox/groups/:id/users/:userId       remove member → 204
 *   GET    /sandbox/counters, POST /sandbox/counters/reset
 *   POST   /sandbox/faults                         FaultOptions (replaces the current ones; PUT too)
 *   GET    /sandbox/faults, DELETE /sandbox/faults  read / clear them (as the Genea sandbox does)
 *   POST   /sandbox/hooks/flush                    deliver queued hook events now
 *   POST   /sandbox/clock/advance                  {ms} moves the sandbox clock forward
 * Failures use Okta's error body.
 */
import { type Context, Hono } from "hono";
import * as v from "valibot";
import { validate } from "../../../../shared/validate.ts";
import type { Result } from "../../../../shared/result.ts";
import { originOf, type Sandbox } from "../context.ts";
import { oktaError, type OktaErrorCode } from "../errors.ts";
import type { Faults } from "../../faults.ts";
import { LIFECYCLE, type LifecycleAction } from "../mutations.ts";
import { wireGroup, wireUser } from "../wire.ts";

const ProfileSchema = v.record(v.string(), v.nullable(v.string()));
const CreateUserSchema = v.object({ profile: ProfileSchema, activate: v.optional(v.boolean()), id: v.optional(v.string()) });
const ProfileBodySchema = v.object({ profile: ProfileSchema });
const CreateGroupSchema = v.object({ name: v.string(), description: v.optional(v.nullable(v.string())), id: v.optional(v.string()) });
const GroupProfileSchema = v.object({ name: v.optional(v.string()), description: v.optional(v.nullable(v.string())) });
const LatencySchema = v.union([v.number(), v.tuple([v.number(), v.number()])]);
const Rate = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const FaultSchema = v.object({
  seed: v.optional(v.number()),
  latencyMs: v.optional(LatencySchema),
  errorRate: v.optional(Rate),
  rateLimitRate: v.optional(Rate),
  dropRate: v.optional(Rate),
});
const AdvanceSchema = v.object({ ms: v.pipe(v.number(), v.minValue(0)) });

const isLifecycleAction = (action: string): action is LifecycleAction => Object.hasOwn(LIFECYCLE, action);

async function body<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S> | Response> {
  const raw: unknown = await c.req.json().catch(() => undefined);
  if (raw === undefined) return oktaError(c, "E0000003");
  const parsed = validate(schema, raw, "sandbox request");
  return parsed.ok ? parsed.value : oktaError(c, "E0000001", "Api validation failed", [parsed.error.message]);
}

function answer<T>(c: Context, result: Result<T, OktaErrorCode>, ok: (value: T) => Response): Response {
  if (result.ok) return ok(result.value);
  const causes = Array.isArray(result.error.causes) ? result.error.causes.map(String) : [];
  return oktaError(c, result.error.code, result.error.message, causes);
}

export function sandboxRoutes(sb: Sandbox, faults: Faults, extra: { advance(ms: number): number }): Hono {
  const app = new Hono();
  const m = sb.mutations;
  const user = (c: Context) => (u: Parameters<typeof wireUser>[0]) => c.json(wireUser(u, originOf(c)));
  const group = (c: Context) => (g: Parameters<typeof wireGroup>[0]) => c.json(wireGroup(g, originOf(c)));
  const empty = (c: Context) => () => c.body(null, 204);

  app.post("/sandbox/users", async (c) => {
    const input = await body(c, CreateUserSchema);
    if (input instanceof Response) return input;
    return answer(c, m.createUser(input), (u) => c.json(wireUser(u, originOf(c)), 201));
  });
  app.post("/sandbox/users/:id/profile", async (c) => {
    const input = await body(c, ProfileBodySchema);
    if (input instanceof Response) return input;
    return answer(c, m.updateProfile(c.req.param("id"), input.profile), user(c));
  });
  app.post("/sandbox/users/:id/lifecycle/:action", (c) => {
    const action = c.req.param("action");
    if (!isLifecycleAction(action)) return oktaError(c, "E0000008");
    return answer(c, m.lifecycle(c.req.param("id"), action), user(c));
  });
  app.delete("/sandbox/users/:id", (c) => answer(c, m.deleteUser(c.req.param("id")), empty(c)));

  app.post("/sandbox/groups", async (c) => {
    const input = await body(c, CreateGroupSchema);
    if (input instanceof Response) return input;
    return answer(c, m.createGroup(input), (g) => c.json(wireGroup(g, originOf(c)), 201));
  });
  app.post("/sandbox/groups/:id/profile", async (c) => {
    const input = await body(c, GroupProfileSchema);
    if (input instanceof Response) return input;
    return answer(c, m.updateGroup(c.req.param("id"), input), group(c));
  });
  app.delete("/sandbox/groups/:id", (c) => answer(c, m.deleteGroup(c.req.param("id")), empty(c)));
  app.put("/sandbox/groups/:id/users/:userId", (c) => answer(c, m.addMember(c.req.param("id"), c.req.param("userId")), empty(c)));
  app.delete("/sandbox/groups/:id/users/:userId", (c) => answer(c, m.removeMember(c.req.param("id"), c.req.param("userId")), empty(c)));

  app.get("/sandbox/counters", (c) => c.json(faults.counters.get()));
  app.post("/sandbox/counters/reset", (c) => {
    faults.counters.reset();
    return c.body(null, 204);
  });
  const setFaults = async (c: Context) => {
    const input = await body(c, FaultSchema);
    if (input instanceof Response) return input;
    faults.set(input);
    return c.json(faults.options());
  };
  app.post("/sandbox/faults", setFaults);
  app.put("/sandbox/faults", setFaults);
  app.get("/sandbox/faults", (c) => c.json(faults.options()));
  app.delete("/sandbox/faults", (c) => {
    faults.reset();
    return c.json(faults.options());
  });
  app.post("/sandbox/hooks/flush", async (c) => {
    await sb.hooks.flush();
    return c.body(null, 204);
  });
  app.post("/sandbox/clock/advance", async (c) => {
    const input = await body(c, AdvanceSchema);
    if (input instanceof Response) return input;
    return c.json({ now: new Date(extra.advance(input.ms)).toISOString() });
  });
  return app;
}
