/**
 * The draft and the published rule-set versions. Rule sets can reach 1 MiB, beyond a KV
 * value, so their canonical JSON is stored in chunks: published ones content-addressed by
 * their sha256 (immutable, never deleted), the draft as draft.ts describes. Publishing is
 * one atomic commit guarded by the current version's versionstamp: two admins publishing at
 * once cannot both win.
 */
import * as v from "valibot";
import { type Draft, type Version, type VersionInfo, VersionInfoSchema } from "../../shared/api/schemas.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import { parseRuleSet } from "../../shared/rules/parse.ts";
import { fail, ok, type Result } from "../../shared/result.ts";
import { canonicalJson } from "../../shared/canonical-json.ts";
import { sha256Hex as sha256 } from "../../shared/codecs/index.ts";
import { keys } from "./keys.ts";
import { type DraftConflictFields, readDraft as readStoredDraft, saveDraft as saveStoredDraft } from "./draft.ts";
import { readChunks, readValid, writeChunks } from "./kv.ts";

const BlobRefSchema = { size: v.number(), chunks: v.number() };
const VersionRecordSchema = v.object({ ...VersionInfoSchema.entries, ...BlobRefSchema });
type VersionRecord = v.InferOutput<typeof VersionRecordSchema>;
const CurrentSchema = v.object({ version: v.number(), publishedBy: v.string(), publishedAt: v.string() });

async function decodeRuleSet(bytes: Uint8Array, hash: string, what: string): Promise<RuleSet> {
  const text = new TextDecoder().decode(bytes);
  if ((await sha256(text)) !== hash) throw new Error(`${what} does not match its content hash`);
  const parsed = parseRuleSet(JSON.parse(text));
  if (!parsed.ok) throw new Error(`${what}: ${parsed.error.message}`);
  return parsed.value;
}

export async function readCurrentVersion(
  kv: Deno.Kv,
): Promise<{ version: number; publishedBy: string | null; versionstamp: string | null }> {
  const { value, versionstamp } = await readValid(kv, keys.rulesCurrent(), CurrentSchema);
  return { version: value?.version ?? 0, publishedBy: value?.publishedBy ?? null, versionstamp };
}

/** The draft lives in draft.ts; these keep the publication path's calls as they were. */
export function readDraft(kv: Deno.Kv): Promise<Draft> {
  return readStoredDraft(kv, async () => (await readCurrentVersion(kv)).version);
}

/** Without `revision` the save is unconditional (the edge rebasing the draft after a publish). */
export function saveDraft(
  kv: Deno.Kv,
  ruleSet: RuleSet,
  baseVersion: number,
  by: string,
  at: string,
  revision?: number,
): Promise<Result<Draft, "draft-conflict", DraftConflictFields>> {
  return saveStoredDraft(kv, { ruleSet, baseVersion, by, at, revision });
}

const infoOf = ({ size: _s, chunks: _c, ...info }: VersionRecord): VersionInfo => info;

export async function listVersions(kv: Deno.Kv): Promise<VersionInfo[]> {
  const out: VersionInfo[] = [];
  for await (const entry of kv.list({ prefix: keys.rulesVersions() }, { reverse: true })) {
    const parsed = v.safeParse(VersionRecordSchema, entry.value);
    if (!parsed.success) throw new Error(`stored ${entry.key.join("/")} is invalid`);
    out.push(infoOf(parsed.output));
  }
  return out;
}

export async function readVersion(kv: Deno.Kv, n: number): Promise<Version | null> {
  const { value } = await readValid(kv, keys.rulesVersion(n), VersionRecordSchema);
  if (!value) return null;
  const bytes = await readChunks(kv, (i) => keys.rulesBlobChunk(value.contentHash, i), value.chunks, value.size);
  return { ...infoOf(value), ruleSet: await decodeRuleSet(bytes, value.contentHash, `stored version ${n}`) };
}

export interface PublishRequest {
  ruleSet: RuleSet;
  expectedVersion: number;
  note: string;
  by: string;
  at: string;
  rolledBackFrom: number | null;
}

/** A `conflict` names the version that is current now. */
export type PublishConflict = { currentVersion: number };

const conflict = (version: number, by: string | null) =>
  fail(
    "conflict",
    `Someone else${
      by ? ` (${by})` : ""
    } published version ${version} while you were editing. Reload to see their changes, then publish again.`,
    { currentVersion: version },
  );

/** A conflict when the current version is no longer the one the admin saw. */
export async function checkExpectedVersion(kv: Deno.Kv, expected: number): Promise<Result<null, "conflict", PublishConflict>> {
  const current = await readCurrentVersion(kv);
  return current.version === expected ? ok(null) : conflict(current.version, current.publishedBy);
}

/** The published content hash is the sha256 of the canonical JSON: the same rules always hash the same. */
export async function publish(kv: Deno.Kv, req: PublishRequest): Promise<Result<VersionInfo, "conflict", PublishConflict>> {
  const current = await readCurrentVersion(kv);
  if (current.version !== req.expectedVersion) return conflict(current.version, current.publishedBy);
  const text = canonicalJson(req.ruleSet);
  const hash = await sha256(text);
  const bytes = new TextEncoder().encode(text);
  // Content-addressed: a racing publisher of the same rules writes identical chunks.
  const chunks = await writeChunks(kv, (i) => keys.rulesBlobChunk(hash, i), bytes);
  const version = current.version + 1;
  const info: VersionInfo = {
    version,
    publishedAt: req.at,
    publishedBy: req.by,
    note: req.note,
    contentHash: hash,
    rolledBackFrom: req.rolledBackFrom,
  };
  const res = await kv.atomic()
    .check({ key: keys.rulesCurrent(), versionstamp: current.versionstamp })
    .check({ key: keys.rulesVersion(version), versionstamp: null })
    .set(keys.rulesCurrent(), { version, publishedBy: req.by, publishedAt: req.at })
    .set(keys.rulesVersion(version), { ...info, size: bytes.length, chunks })
    .commit();
  if (!res.ok) {
    const now = await readCurrentVersion(kv);
    return conflict(now.version, now.publishedBy);
  }
  return ok(info);
}
