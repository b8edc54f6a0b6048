/**
 * Run by draft-race.test.ts under Deno: the store's own saves raced without revisions (as the
 * edge rebases the draft after a publish) on a real KV file, content alternating between
 * rule sets so a collected hash is written again at once — the case that left the draft
 * pointing at deleted chunks. Prints one JSON line: how many rounds read back whole.
 */
import { canonicalJson } from "../../../shared/canonical-json.ts";
import type { RuleSet } from "../../../shared/rules/model.ts";

/** Just the parts used here, typed locally: Node's tsc checks this file but knows no Deno.Kv. */
interface Kv {
  close(): void;
}
declare const Deno: { makeTempDir(): Promise<string>; openKv(path: string): Promise<Kv> };
interface DraftStore {
  readDraft(kv: Kv, currentVersion: () => Promise<number>): Promise<{ ruleSet: RuleSet }>;
  saveDraft(kv: Kv, save: { ruleSet: RuleSet; baseVersion: number; by: string; at: string }): Promise<unknown>;
}
// Imported by a computed path so Node's tsc does not follow it into Deno-only code.
const storePath = "../../../edge/store/draft.ts";
const { readDraft, saveDraft }: DraftStore = await import(storePath);

const big = (tag: string, n: number): RuleSet => ({
  schemaVersion: 1,
  settings: { suspended: "deny" },
  properties: {
    hq: {
      rules: Array.from({ length: n }, (_, i) => ({
        id: `r${i}`,
        name: `${tag} ${"x".repeat(180)}`,
        enabled: true,
        match: "all" as const,
        conditions: [{ kind: "attribute" as const, attribute: "department", op: "equals" as const, value: "v".repeat(400) }],
        actions: { kind: "exclude" as const },
      })),
    },
  },
});

const kv = await Deno.openKv(`${await Deno.makeTempDir()}/race.kv`);
const sets = [big("X", 150), big("Y", 2), big("Z", 200)];
const texts = new Set(sets.map(canonicalJson));
let whole = 0;
for (let round = 0; round < 100; round++) {
  const order = [sets[round % 3], sets[(round + 1) % 3], sets[round % 3]];
  await Promise.all([
    ...order.map((ruleSet, i) => saveDraft(kv, { ruleSet, baseVersion: 0, by: `tab${i}`, at: new Date(0).toISOString() })),
    readDraft(kv, async () => 0),
  ]);
  const draft = await readDraft(kv, async () => 0);
  if (texts.has(canonicalJson(draft.ruleSet))) whole++;
}
console.log(JSON.stringify({ whole }));
kv.close();
