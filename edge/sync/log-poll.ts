/**
 * Gap detection: the System Log, polled (its `next` link persisted), sees every event the
 * event hook should have delivered. An event of a type that can change door access that no
 * hook delivered is a gap: its people become hints (a targeted run acts on them at once) and
 * the gap is counted on the status, like failed hook deliveries (`event_hook.delivery`).
 * Hard deletes (`user.lifecycle.delete.initiated`) leave no trace in the user lists, so this
 * is also how doorsync learns of them between full reads.
 */
import * as v from "valibot";
import { LogPollSchema } from "../../shared/api/sync.ts";
import { HOOK_DELIVERY_EVENT, isFailedDelivery, SYNC_EVENT_TYPES } from "../../shared/directory/events.ts";
import type { Log } from "../log.ts";
import { recordEvents } from "../store/hints.ts";
import { keys } from "../store/keys.ts";
import { readValid } from "../store/kv.ts";
import type { Upstreams } from "../upstreams/index.ts";

/** The poll's record: what it found, and where to read on (Okta's `next` link, verbatim). */
export const LogPollStateSchema = v.object({ next: v.nullable(v.string()), ...LogPollSchema.entries });
export type LogPollState = v.InferOutput<typeof LogPollStateSchema>;

const EMPTY: LogPollState = {
  next: null,
  lastPolledAt: null,
  lastError: null,
  gaps: 0,
  lastGapAt: null,
  failedDeliveries: 0,
  lastFailedDeliveryAt: null,
};
const MAX_PAGES = 10;
/** The first poll looks back this far. */
const LOOK_BACK_MS = 15 * 60_000;

export async function readPollState(kv: Deno.Kv): Promise<LogPollState> {
  return (await readValid(kv, keys.syncLogPoll(), LogPollStateSchema)).value ?? EMPTY;
}

/** One poll: every page since the persisted link (at most MAX_PAGES); answers the new state. */
export async function pollSystemLog(
  { kv, now, log, upstreams }: { kv: Deno.Kv; now: () => Date; log: Log; upstreams: Upstreams },
): Promise<{ state: LogPollState; hinted: number }> {
  const state = { ...(await readPollState(kv)) };
  const at = now().toISOString();
  const okta = await upstreams.okta();
  if (!okta.ok) return { state, hinted: 0 };
  const since = new Date(now().getTime() - LOOK_BACK_MS).toISOString();
  let hinted = 0;
  state.lastError = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const got = await okta.value.readLog(state.next, since, [...SYNC_EVENT_TYPES, HOOK_DELIVERY_EVENT]);
    if (!got.ok) {
      state.lastError = got.error.message;
      log.warn("sync.log-poll-failed", { error: got.error.message });
      break;
    }
    const failed = got.value.events.filter(isFailedDelivery);
    const syncEvents = got.value.events.filter((e) => e.eventType !== HOOK_DELIVERY_EVENT);
    const recorded = await recordEvents(kv, syncEvents, at);
    if (recorded.fresh.length > 0) {
      state.gaps += recorded.fresh.length;
      state.lastGapAt = at;
      hinted += recorded.fresh.length;
      log.warn("sync.log-gap", { events: recorded.fresh.length, types: [...new Set(recorded.fresh.map((e) => e.eventType))].join(",") });
    }
    if (failed.length > 0) {
      state.failedDeliveries += failed.length;
      state.lastFailedDeliveryAt = at;
    }
    state.next = got.value.next;
    if (got.value.events.length < 1000) break;
  }
  state.lastPolledAt = at;
  await kv.set(keys.syncLogPoll(), state);
  return { state, hinted };
}
