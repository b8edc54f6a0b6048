/**
 * Okta System Log events as doorsync reads them, from an event hook delivery or a System Log
 * poll: only the fields it acts on. Events are hints — who to re-read — never the truth
 * about a user.
 */
import * as v from "valibot";

export const LogEventSchema = v.object({
  uuid: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  published: v.optional(v.string()),
  eventType: v.pipe(v.string(), v.maxLength(200)),
  outcome: v.optional(v.nullable(v.object({ result: v.optional(v.nullable(v.string())) }))),
  target: v.optional(
    v.nullable(v.array(v.object({ id: v.pipe(v.string(), v.maxLength(100)), type: v.pipe(v.string(), v.maxLength(100)) }))),
    [],
  ),
});
export type LogEvent = v.InferOutput<typeof LogEventSchema>;

/** The event types that can change someone's door access. */
export const SYNC_EVENT_TYPES = [
  "user.lifecycle.create",
  "user.lifecycle.activate",
  "user.lifecycle.reactivate",
  "user.lifecycle.suspend",
  "user.lifecycle.unsuspend",
  "user.lifecycle.deactivate",
  "user.lifecycle.delete.initiated",
  "user.account.update_profile",
  "group.user_membership.add",
  "group.user_membership.remove",
  "application.user_membership.add",
  "application.user_membership.remove",
] as const;
const SYNC_EVENTS: ReadonlySet<string> = new Set(SYNC_EVENT_TYPES);

/** Okta logs a failed hook delivery as this event. */
export const HOOK_DELIVERY_EVENT = "event_hook.delivery";

/** The Okta user ids an event is about (User targets; app-membership events name an AppUser). */
export function usersOf(event: LogEvent): string[] {
  if (!SYNC_EVENTS.has(event.eventType)) return [];
  const ids = (event.target ?? []).filter((t) => t.type === "User" || t.type === "AppUser").map((t) => t.id);
  return [...new Set(ids)];
}

export const isFailedDelivery = (e: LogEvent) => e.eventType === HOOK_DELIVERY_EVENT && e.outcome?.result !== "SUCCESS";
