/**
 * Okta events as hints for targeted runs: each event is kept once (by uuid, for a week) and
 * the users it names wait as hints until a run has re-read and synced them. A hint that
 * arrives while a run is working on that user stays for the next run.
 */
import * as v from "valibot";
import { type LogEvent, usersOf } from "../../shared/directory/events.ts";
import { keys } from "./keys.ts";

const EVENT_TTL_MS = 7 * 24 * 3600_000;
const HintSchema = v.object({ oktaId: v.string(), firstAt: v.string(), lastAt: v.string(), events: v.array(v.string()) });
export type Hint = v.InferOutput<typeof HintSchema>;

export interface Recorded {
  /** events not seen before */
  fresh: LogEvent[];
  duplicates: number;
}

/** Records events (each once, atomically) and the hints they give. */
export async function recordEvents(kv: Deno.Kv, events: readonly LogEvent[], at: string): Promise<Recorded> {
  const fresh: LogEvent[] = [];
  let duplicates = 0;
  for (const e of events) {
    const key = keys.oktaEvent(e.uuid);
    const res = await kv.atomic().check({ key, versionstamp: null }).set(key, { type: e.eventType, at }, { expireIn: EVENT_TTL_MS })
      .commit();
    if (!res.ok) {
      duplicates++;
      continue;
    }
    fresh.push(e);
    for (const oktaId of usersOf(e)) await addHint(kv, oktaId, e.eventType, at);
  }
  return { fresh, duplicates };
}

async function addHint(kv: Deno.Kv, oktaId: string, type: string, at: string): Promise<void> {
  const key = keys.syncHint(oktaId);
  for (;;) {
    const found = await kv.get(key);
    const old = found.versionstamp === null ? null : v.parse(HintSchema, found.value);
    const next: Hint = { oktaId, firstAt: old?.firstAt ?? at, lastAt: at, events: [...new Set([...(old?.events ?? []), type])].slice(-20) };
    if ((await kv.atomic().check({ key, versionstamp: found.versionstamp }).set(key, next).commit()).ok) return;
  }
}

export async function pendingHints(kv: Deno.Kv, limit: number): Promise<Hint[]> {
  const out: Hint[] = [];
  for await (const item of kv.list({ prefix: keys.syncHints() }, { limit })) out.push(v.parse(HintSchema, item.value));
  return out;
}

/** Drops the hints a run has dealt with: those of `oktaIds` that arrived no later than `upTo`. */
export async function consumeHints(kv: Deno.Kv, oktaIds: readonly string[], upTo: string): Promise<void> {
  for (const oktaId of oktaIds) {
    const key = keys.syncHint(oktaId);
    const found = await kv.get(key);
    if (found.versionstamp === null) continue;
    if (v.parse(HintSchema, found.value).lastAt <= upTo) await kv.atomic().check(found).delete(key).commit();
  }
}

export async function seenEvent(kv: Deno.Kv, uuid: string): Promise<boolean> {
  return (await kv.get(keys.oktaEvent(uuid))).versionstamp !== null;
}
