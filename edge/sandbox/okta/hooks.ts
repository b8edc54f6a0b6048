/**
 * Event hooks: the registry and the outbound dispatcher. Every LogEvent of a subscribed type
 * is queued for each ACTIVE + VERIFIED hook; queues are sent in batches (several events per
 * POST, Okta's envelope), each POST with a 3 s timeout and one retry on 5xx, timeout or a
 * network error, none on 4xx. A delivery that still fails is logged as `event_hook.delivery`.
 * `flush()` sends everything queued now and resolves when every delivery has settled.
 * Optional chaos (seeded) duplicates envelopes and reorders events, as at-least-once,
 * unordered delivery allows.
 */
import * as v from "valibot";
import type { DeliveryAttempt, EventHook, HookChaos } from "./event-hook.ts";
import type { LogEvent, LogStore } from "./logs.ts";
import { randomToken } from "./ids.ts";
import { createPrng } from "../faults.ts";

export interface HookDispatcher {
  hooks: Map<string, EventHook>;
  /** every POST attempt so far, in order */
  deliveries: DeliveryAttempt[];
  verify(hook: EventHook): Promise<boolean>;
  flush(): Promise<void>;
}

export interface HookOptions {
  fetch: typeof fetch;
  orgName: string;
  timeoutMs: number;
  /** wait this long after the first queued event before sending (events in between share a POST) */
  batchMs: number;
  maxBatch: number;
  /** at-least-once chaos: re-send whole envelopes and shuffle events before batching */
  chaos?: HookChaos;
}

type Outcome = DeliveryAttempt["outcome"];
/** The receiver's answer to a verification GET: outside data, so validated. */
const VerificationSchema = v.object({ verification: v.string() });

export function createHookDispatcher(logs: LogStore, options: HookOptions): HookDispatcher {
  const hooks = new Map<string, EventHook>();
  const deliveries: DeliveryAttempt[] = [];
  const queues = new Map<string, LogEvent[]>();
  const inFlight = new Set<Promise<void>>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const authHeaders = (hook: EventHook): Record<string, string> => {
    const headers: Record<string, string> = {};
    for (const h of hook.channel.config.headers) headers[h.key] = h.value;
    const auth = hook.channel.config.authScheme;
    if (auth) headers[auth.key] = auth.value;
    return headers;
  };

  async function send(url: string, init: RequestInit): Promise<{ outcome: Outcome; response?: Response }> {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await options.fetch(url, { ...init, signal: controller.signal });
      return { outcome: response.status, response };
    } catch {
      return { outcome: controller.signal.aborted ? "timeout" : "network-error" };
    } finally {
      clearTimeout(timeout);
    }
  }
  const retryable = (o: Outcome) => typeof o !== "number" || o >= 500;

  const random = createPrng(options.chaos?.seed ?? 1);
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  };

  async function deliver(hook: EventHook, events: LogEvent[], copies: number): Promise<void> {
    const envelope = {
      eventType: "com.okta.event_hook",
      eventTypeVersion: "1.0",
      cloudEventsVersion: "0.1",
      source: `https://${options.orgName}/api/v1/eventHooks/${hook.id}`,
      eventId: crypto.randomUUID(),
      eventTime: events[0].published,
      contentType: "application/json",
      data: { events },
    };
    const init = {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json", ...authHeaders(hook) },
      body: JSON.stringify(envelope),
    };
    for (let copy = 0; copy < copies; copy++) await post(hook, events, init);
  }

  /** One delivery: a POST, retried once on 5xx/timeout/network error, logged if it still fails. */
  async function post(hook: EventHook, events: LogEvent[], init: RequestInit): Promise<void> {
    let last: Outcome = "network-error";
    for (const attempt of [1, 2] as const) {
      const { outcome, response } = await send(hook.channel.config.uri, init);
      await response?.body?.cancel().catch(() => undefined);
      deliveries.push({ hookId: hook.id, eventIds: events.map((e) => e.uuid), attempt, outcome });
      last = outcome;
      if (typeof outcome === "number" && outcome >= 200 && outcome < 300) return;
      if (!retryable(outcome)) break;
    }
    logs.append({
      eventType: "event_hook.delivery",
      displayMessage: "Event hook delivery failed",
      severity: "WARN",
      outcome: { result: "FAILURE", reason: `delivery to ${hook.channel.config.uri} failed: ${last}` },
      target: [{ id: hook.id, type: "EventHook", alternateId: hook.name, displayName: hook.name, detailEntry: null }],
    });
  }

  function dispatch(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    for (const [hookId, events] of queues) {
      queues.delete(hookId);
      const hook = hooks.get(hookId);
      if (!hook) continue;
      if (options.chaos?.reorder) shuffle(events);
      for (let i = 0; i < events.length; i += options.maxBatch) {
        const copies = random() < (options.chaos?.duplicateRate ?? 0) ? 2 : 1;
        const p = deliver(hook, events.slice(i, i + options.maxBatch), copies).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
    }
  }

  logs.onAppend((event) => {
    let queued = false;
    for (const hook of hooks.values()) {
      if (hook.status !== "ACTIVE" || hook.verificationStatus !== "VERIFIED") continue;
      if (!hook.events.items.includes(event.eventType)) continue;
      const queue = queues.get(hook.id) ?? [];
      queue.push(event);
      queues.set(hook.id, queue);
      queued = true;
    }
    if (queued && timer === undefined) timer = setTimeout(dispatch, options.batchMs);
  });

  return {
    hooks,
    deliveries,
    async verify(hook) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const challenge = randomToken(32);
        const { response } = await send(hook.channel.config.uri, {
          method: "GET",
          headers: { "x-okta-verification-challenge": challenge, ...authHeaders(hook) },
        });
        if (!response) continue;
        const body: unknown = response.ok ? await response.json().catch(() => undefined) : await response.body?.cancel();
        const echoed = v.safeParse(VerificationSchema, body);
        if (echoed.success && echoed.output.verification === challenge) return true;
      }
      return false;
    },
    async flush() {
      dispatch();
      while (inFlight.size > 0 || queues.size > 0) {
        await Promise.all([...inFlight]);
        if (queues.size > 0) dispatch();
      }
    },
  };
}
