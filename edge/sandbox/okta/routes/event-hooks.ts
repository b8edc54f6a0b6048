/**
 * /api/v1/eventHooks CRUD and lifecycle (activate, deactivate, verify). Bodies are validated
 * with valibot; `authScheme.value` is write-only. Okta requires an https URI; the sandbox also
 * accepts http://127.0.0.1 and http://localhost so local receivers can be hooked up. Only
 * INACTIVE hooks can be deleted.
 */
import { type Context, Hono } from "hono";
import * as v from "valibot";
import { validate } from "../../../../shared/validate.ts";
import { originOf, type Sandbox } from "../context.ts";
import { notFound, oktaError } from "../errors.ts";
import { type EventHook, HOOK_ELIGIBLE } from "../event-hook.ts";
import { isoSeconds, newId } from "../ids.ts";
import { SANDBOX_ADMIN } from "../logs.ts";

const HookInputSchema = v.object({
  name: v.pipe(v.string(), v.minLength(1)),
  events: v.object({
    type: v.literal("EVENT_TYPE"),
    items: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1), v.maxLength(300)),
  }),
  channel: v.object({
    type: v.literal("HTTP"),
    version: v.literal("1.0.0"),
    config: v.object({
      uri: v.pipe(v.string(), v.url()),
      headers: v.optional(v.array(v.object({ key: v.string(), value: v.string() })), []),
      authScheme: v.optional(v.nullable(v.object({ type: v.literal("HEADER"), key: v.string(), value: v.string() })), null),
    }),
  }),
});
type HookInput = v.InferOutput<typeof HookInputSchema>;

function uriAllowed(uri: string): boolean {
  const url = new URL(uri);
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost");
}

async function readInput(c: Context): Promise<HookInput | Response> {
  const raw: unknown = await c.req.json().catch(() => undefined);
  if (raw === undefined) return oktaError(c, "E0000003");
  const parsed = validate(HookInputSchema, raw, "event hook");
  if (!parsed.ok) return oktaError(c, "E0000001", "Api validation failed: eventHook", [parsed.error.message]);
  const input = parsed.value;
  const ineligible = input.events.items.filter((t) => !HOOK_ELIGIBLE.has(t));
  if (ineligible.length > 0) {
    return oktaError(
      c,
      "E0000001",
      "Api validation failed: events",
      ineligible.map((t) => `events.items: ${t} is not eligible for event hooks`),
    );
  }
  if (!uriAllowed(input.channel.config.uri)) {
    return oktaError(c, "E0000001", "Api validation failed: channel", ["channel.config.uri: must use https"]);
  }
  return input;
}

function wire(hook: EventHook, origin: string) {
  const self = `${origin}/api/v1/eventHooks/${hook.id}`;
  const auth = hook.channel.config.authScheme;
  return {
    ...hook,
    channel: { ...hook.channel, config: { ...hook.channel.config, authScheme: auth ? { type: auth.type, key: auth.key } : null } },
    _links: {
      self: { href: self, hints: { allow: ["GET", "PUT", "DELETE"] } },
      verify: { href: `${self}/lifecycle/verify`, hints: { allow: ["POST"] } },
      [hook.status === "ACTIVE" ? "deactivate" : "activate"]: {
        href: `${self}/lifecycle/${hook.status === "ACTIVE" ? "deactivate" : "activate"}`,
        hints: { allow: ["POST"] },
      },
    },
  };
}

export function eventHookRoutes(sb: Sandbox): Hono {
  const app = new Hono();
  const { hooks } = sb.hooks;
  const find = (c: Context) => hooks.get(c.req.param("id") ?? "");
  const missing = (c: Context) => {
    const f = notFound("EventHook", c.req.param("id") ?? "");
    return oktaError(c, f.code, f.summary);
  };

  app.get("/api/v1/eventHooks", (c) => c.json([...hooks.values()].map((h) => wire(h, originOf(c)))));

  app.post("/api/v1/eventHooks", async (c) => {
    const input = await readInput(c);
    if (input instanceof Response) return input;
    const t = isoSeconds(sb.now());
    const hook: EventHook = {
      id: newId("who"),
      name: input.name,
      status: "ACTIVE",
      verificationStatus: "UNVERIFIED",
      events: { type: "EVENT_TYPE", items: input.events.items },
      channel: { type: "HTTP", version: "1.0.0", config: { ...input.channel.config, method: "POST" } },
      created: t,
      createdBy: SANDBOX_ADMIN.id,
      lastUpdated: t,
    };
    hooks.set(hook.id, hook);
    return c.json(wire(hook, originOf(c)));
  });

  app.get("/api/v1/eventHooks/:id", (c) => {
    const hook = find(c);
    return hook ? c.json(wire(hook, originOf(c))) : missing(c);
  });

  app.put("/api/v1/eventHooks/:id", async (c) => {
    const hook = find(c);
    if (!hook) return missing(c);
    const input = await readInput(c);
    if (input instanceof Response) return input;
    // A new URI has to be verified again.
    if (input.channel.config.uri !== hook.channel.config.uri) hook.verificationStatus = "UNVERIFIED";
    hook.name = input.name;
    hook.events = { type: "EVENT_TYPE", items: input.events.items };
    hook.channel = { type: "HTTP", version: "1.0.0", config: { ...input.channel.config, method: "POST" } };
    hook.lastUpdated = isoSeconds(sb.now());
    return c.json(wire(hook, originOf(c)));
  });

  app.delete("/api/v1/eventHooks/:id", (c) => {
    const hook = find(c);
    if (!hook) return missing(c);
    if (hook.status !== "INACTIVE") {
      return oktaError(c, "E0000001", "Api validation failed: status", ["status: deactivate the event hook before deleting it"]);
    }
    hooks.delete(hook.id);
    return c.body(null, 204);
  });

  app.post("/api/v1/eventHooks/:id/lifecycle/:action", async (c) => {
    const hook = find(c);
    if (!hook) return missing(c);
    const action = c.req.param("action");
    if (action === "activate" || action === "deactivate") {
      hook.status = action === "activate" ? "ACTIVE" : "INACTIVE";
      hook.lastUpdated = isoSeconds(sb.now());
      return c.json(wire(hook, originOf(c)));
    }
    if (action !== "verify") return oktaError(c, "E0000008");
    if (!(await sb.hooks.verify(hook))) {
      return oktaError(c, "E0000001", "Api validation failed: Verification", [
        `Event hook verification failed for ${hook.channel.config.uri}`,
      ]);
    }
    hook.verificationStatus = "VERIFIED";
    hook.lastUpdated = isoSeconds(sb.now());
    return c.json(wire(hook, originOf(c)));
  });

  return app;
}
