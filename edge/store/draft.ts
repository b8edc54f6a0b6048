/**
 * The shared draft rule set. Its canonical JSON is stored in chunks content-addressed by
 * sha256 (["rules", "draft-chunk", hash, i]) and named by one pointer record that carries a
 * `revision`. A save is one atomic commit that checks the pointer's versionstamp and the
 * versionstamp of every chunk it names, so:
 * - two saves never both win against the same revision (the loser hears `draft-conflict`);
 * - the pointer never names a chunk that is gone: chunks are collected only in a commit
 *   checked against the pointer that does not name them, and a save whose chunk was
 *   collected meanwhile fails its own check and writes the chunk again.
 */
import * as v from "valibot";
import type { Draft, DraftConflict } from "../../shared/api/schemas.ts";
import { emptyRuleSet, type RuleSet } from "../../shared/rules/model.ts";
import { parseRuleSet } from "../../shared/rules/parse.ts";
import { fail, ok, type Result } from "../../shared/result.ts";
import { canonicalJson } from "../../shared/canonical-json.ts";
import { sha256Hex as sha256 } from "../../shared/codecs/index.ts";
import { type Key, keys } from "./keys.ts";
import { chunk, readValid } from "./kv.ts";

const DraftRecordSchema = v.object({
  hash: v.string(),
  size: v.number(),
  chunks: v.number(),
  baseVersion: v.number(),
  /** records written before revisions existed count as revision 1 */
  revision: v.optional(v.number(), 1),
  updatedAt: v.string(),
  updatedBy: v.string(),
});
type DraftRecord = v.InferOutput<typeof DraftRecordSchema>;

/** Enough for any real contention; each retry means another save or a collection ran meanwhile. */
const MAX_ATTEMPTS = 25;
/** Deno KV reads at most 10 keys in one getMany. */
const GET_MANY = 10;

async function getMany(kv: Deno.Kv, list: Key[]): Promise<Deno.KvEntryMaybe<unknown>[]> {
  const out: Deno.KvEntryMaybe<unknown>[] = [];
  for (let i = 0; i < list.length; i += GET_MANY) out.push(...(await kv.getMany(list.slice(i, i + GET_MANY))));
  return out;
}

const chunkKeys = (hash: string, count: number): Key[] => Array.from({ length: count }, (_, i) => keys.rulesDraftChunk(hash, i));

/** The chunks' bytes, or null when one is missing (collected after the pointer moved on). */
async function readBytes(kv: Deno.Kv, record: DraftRecord): Promise<Uint8Array | null> {
  const entries = await getMany(kv, chunkKeys(record.hash, record.chunks));
  const out = new Uint8Array(record.size);
  let offset = 0;
  for (const e of entries) {
    if (!(e.value instanceof Uint8Array) || offset + e.value.length > record.size) return null;
    out.set(e.value, offset);
    offset += e.value.length;
  }
  return offset === record.size ? out : null;
}

async function decode(bytes: Uint8Array, hash: string): Promise<RuleSet> {
  const text = new TextDecoder().decode(bytes);
  if ((await sha256(text)) !== hash) throw new Error("stored draft does not match its content hash");
  const parsed = parseRuleSet(JSON.parse(text));
  if (!parsed.ok) throw new Error(`stored draft: ${parsed.error.message}`);
  return parsed.value;
}

const draftOf = (ruleSet: RuleSet, r: DraftRecord): Draft => ({
  ruleSet,
  baseVersion: r.baseVersion,
  revision: r.revision,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy,
});

/** The draft; with none saved yet, the empty rule set at revision 0 based on `currentVersion`. */
export async function readDraft(kv: Deno.Kv, currentVersion: () => Promise<number>): Promise<Draft> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { value, versionstamp } = await readValid(kv, keys.rulesDraft(), DraftRecordSchema);
    if (!value) return { ruleSet: emptyRuleSet(), baseVersion: await currentVersion(), revision: 0, updatedAt: null, updatedBy: null };
    const bytes = await readBytes(kv, value);
    if (bytes) return draftOf(await decode(bytes, value.hash), value);
    // A chunk is only ever collected once the pointer names other chunks: read again.
    if ((await kv.get(keys.rulesDraft())).versionstamp === versionstamp) throw new Error("stored draft names chunks that are missing");
  }
  throw new Error(`the draft kept changing while it was read (${MAX_ATTEMPTS} attempts)`);
}

/** Write the chunks that are not there yet; the versionstamp of each, for the commit's checks. */
async function ensureChunks(kv: Deno.Kv, hash: string, bytes: Uint8Array): Promise<string[]> {
  const parts = chunk(bytes);
  const existing = await getMany(kv, chunkKeys(hash, parts.length));
  const stamps: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const e = existing[i];
    // Content-addressed: a chunk under this hash and index always holds these bytes.
    if (e.versionstamp !== null && e.value instanceof Uint8Array && e.value.length === parts[i].length) stamps.push(e.versionstamp);
    else stamps.push((await kv.set(keys.rulesDraftChunk(hash, i), parts[i])).versionstamp);
  }
  return stamps;
}

/** Delete the chunks of every hash the pointer does not name, checked against that pointer. */
async function collectGarbage(kv: Deno.Kv): Promise<void> {
  const pointer = await readValid(kv, keys.rulesDraft(), DraftRecordSchema);
  const stale = new Map<string, Deno.KvKey[]>();
  for await (const entry of kv.list({ prefix: keys.rulesDraftChunksAll() })) {
    const hash = String(entry.key[2]);
    if (hash !== pointer.value?.hash) stale.set(hash, [...(stale.get(hash) ?? []), entry.key]);
  }
  for (const list of stale.values()) {
    let op = kv.atomic().check({ key: keys.rulesDraft(), versionstamp: pointer.versionstamp });
    for (const key of list) op = op.delete(key);
    // A failed check: another save moved the pointer; its own collection runs after it.
    if (!(await op.commit()).ok) return;
  }
}

export interface DraftSave {
  ruleSet: RuleSet;
  baseVersion: number;
  by: string;
  at: string;
  /** the revision the admin edited; omitted only by the edge itself (rebasing after a publish) */
  revision?: number;
}

function conflict(current: DraftRecord | null) {
  const revision = current?.revision ?? 0;
  const who = current ? `${current.updatedBy} saved the draft at ${current.updatedAt}` : "The draft was discarded";
  return fail(
    "draft-conflict",
    `${who} (revision ${revision}) after you loaded it. Reload their draft, or keep yours and save it over theirs.`,
    { revision, updatedBy: current?.updatedBy ?? null, updatedAt: current?.updatedAt ?? null },
  );
}

/** A `draft-conflict` says who saved the newer revision, and when (DraftConflictSchema on the wire). */
export type DraftConflictFields = Pick<DraftConflict, "revision" | "updatedBy" | "updatedAt">;

export async function saveDraft(kv: Deno.Kv, save: DraftSave): Promise<Result<Draft, "draft-conflict", DraftConflictFields>> {
  const text = canonicalJson(save.ruleSet);
  const hash = await sha256(text);
  const bytes = new TextEncoder().encode(text);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await readValid(kv, keys.rulesDraft(), DraftRecordSchema);
    const revision = current.value?.revision ?? 0;
    if (save.revision !== undefined && save.revision !== revision) return conflict(current.value);
    const stamps = await ensureChunks(kv, hash, bytes);
    const record: DraftRecord = {
      hash,
      size: bytes.length,
      chunks: stamps.length,
      baseVersion: save.baseVersion,
      revision: revision + 1,
      updatedAt: save.at,
      updatedBy: save.by,
    };
    let op = kv.atomic().check({ key: keys.rulesDraft(), versionstamp: current.versionstamp });
    stamps.forEach((versionstamp, i) => (op = op.check({ key: keys.rulesDraftChunk(hash, i), versionstamp })));
    if ((await op.set(keys.rulesDraft(), record).commit()).ok) {
      await collectGarbage(kv);
      return ok(draftOf(save.ruleSet, record));
    }
    // The pointer moved (the next round reports the conflict) or a chunk was collected (written again).
  }
  throw new Error(`the draft could not be saved after ${MAX_ATTEMPTS} attempts under contention`);
}
