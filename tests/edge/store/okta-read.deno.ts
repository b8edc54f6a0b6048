/**
 * Run under Deno by okta-read.test.ts: a whole-directory read of the Okta sandbox (served
 * in-process) saved page by page to an in-memory KV (createReadCheckpoint), cut short by a
 * lost lease, then resumed. One JSON line per scenario.
 */
import { createOktaClient } from "../../../edge/okta/index.ts";
import { type DirectoryTable, recordsOf } from "../../../shared/directory/table.ts";
import type { ReadCheckpoint } from "../../../edge/okta/index.ts";
import { encodePage } from "../../../edge/okta/read-page.ts";
import { createOktaSandbox } from "../../../edge/sandbox/okta/index.ts";
import type { Fence } from "../../../edge/store/batch.ts";
import { keys } from "../../../edge/store/keys.ts";
import { createReadCheckpoint } from "../../../edge/store/okta-read.ts";
import type { Log } from "../../../edge/log.ts";
import { oktaGroup, oktaSeed, oktaUsers, TEST_API_TOKEN } from "../../support/okta-seed.ts";

const report = (name: string, value: unknown) => console.log(JSON.stringify({ name, value }));

// 1,000 users (5 pages), 30 DEPROVISIONED (1), 3 groups (1), a 450-member group (3 pages), one of 10 (1), an empty one (1).
const active = oktaUsers(1000);
const gone = oktaUsers(30, { status: "DEPROVISIONED" });
const groups = [oktaGroup(), oktaGroup(), oktaGroup()];
const seed = oktaSeed({
  users: [...active, ...gone],
  groups,
  memberships: {
    [groups[0].id]: active.slice(0, 450).map((u) => u.id),
    [groups[1].id]: [...active.slice(990), ...gone].slice(0, 10).map((u) => u.id),
  },
});
const sandbox = createOktaSandbox(seed);
const requests = () => Object.values(sandbox.counters.get()).reduce((a, b) => a + b, 0);
const client = () =>
  createOktaClient({
    baseUrl: "http://127.0.0.1:9",
    auth: { kind: "ssws", token: TEST_API_TOKEN },
    fetch: (input, init) => Promise.resolve(sandbox.app.fetch(new Request(input, init))),
    maxInFlight: 2,
  });
const kv = await Deno.openKv(":memory:");
const warnings: string[] = [];
const log: Log = { info: () => {}, warn: (event, fields) => warnings.push(`${event} ${fields?.why ?? ""}`), error: () => {} };
const withoutTime = (d: DirectoryTable) => ({ ...recordsOf(d), fetchedAt: "" });

/** A fence on a lease key this script can take away, as another instance taking the run over would. */
async function lease(): Promise<{ fence: Fence; takeAway(): Promise<void> }> {
  const key = ["lease"];
  const stamp = (await kv.set(key, crypto.randomUUID())).versionstamp;
  return {
    fence: { apply: (op) => op.check({ key, versionstamp: stamp }), stillHeld: () => Promise.resolve(false) },
    takeAway: async () => void (await kv.set(key, "another instance")),
  };
}
/** The checkpoint, with the lease taken away just before save number `n` (1-based). */
function losingAt(cp: ReadCheckpoint, n: number, takeAway: () => Promise<void>): ReadCheckpoint {
  let saves = 0;
  return { ...cp, save: async (p) => (++saves === n && (await takeAway()), cp.save(p)) };
}
async function count(prefix: Deno.KvKey): Promise<number> {
  let n = 0;
  for await (const _ of kv.list({ prefix })) n++;
  return n;
}
async function savedPages(readId: string): Promise<number> {
  let n = 0;
  for await (const e of kv.list<{ pages: number }>({ prefix: keys.oktaReadCursors(readId) as Deno.KvKey })) n += e.value.pages;
  return n;
}

const fresh = await client().readSnapshot();
if (!fresh.ok) throw new Error(fresh.error.message);
const all = requests();
report("fresh: requests", all);

// Cut short at the 6th page saved, then resumed by a new client under a new lease.
const first = await lease();
const cut = await client().readSnapshot(losingAt(createReadCheckpoint(kv, "run-1", first.fence, log), 6, first.takeAway));
report("cut: answer", cut.ok ? "ok" : cut.error.code);
const saved = await savedPages("run-1");
report("cut: pages saved", saved);
const second = await lease();
const before = requests();
const resumedCp = createReadCheckpoint(kv, "run-1", second.fence, log);
const resumed = await client().readSnapshot(resumedCp);
if (!resumed.ok) throw new Error(resumed.error.message);
report(
  "resumed: same directory",
  JSON.stringify(withoutTime(resumed.value.directory)) === JSON.stringify(withoutTime(fresh.value.directory)),
);
report("resumed: pages not read again", resumed.value.resumedPages);
report("resumed: requests", requests() - before);
report("resumed: same watermark", resumed.value.watermark === fresh.value.watermark);
report("resumed: pages saved", await savedPages("run-1"));
await resumedCp.clear();
report("cleared: keys left", await count(keys.oktaReadAll() as Deno.KvKey));

// Run 2's read is cut short; run 3 finds it and clears it before reading afresh.
const l2 = await lease();
await client().readSnapshot(losingAt(createReadCheckpoint(kv, "run-2", l2.fence, log), 3, l2.takeAway));
report("other run: pages of run 2", await savedPages("run-2"));
const l3 = await lease();
const other = await createReadCheckpoint(kv, "run-3", l3.fence, log).resume(() => {});
report("other run: resume", other);
report("other run: keys left", await count(keys.oktaReadAll() as Deno.KvKey));

// A page written but not yet counted by its cursor (the instance stopped between) is not used.
const l4 = await lease();
await client().readSnapshot(losingAt(createReadCheckpoint(kv, "run-4", l4.fence, log), 3, l4.takeAway));
let usersPages = 0;
for await (const e of kv.list<{ pages: number }>({ prefix: keys.oktaReadCursors("run-4") as Deno.KvKey })) {
  if (e.key[e.key.length - 1] === "users") usersPages = e.value.pages;
}
const stray = { id: "00ustray", status: "ACTIVE" as const, email: "stray@example.com", profile: {}, groupIds: [] };
await kv.set(keys.oktaReadPage("run-4", "users", usersPages, 0) as Deno.KvKey, encodePage({ kind: "users", users: [stray] }));
const l5 = await lease();
const past = await client().readSnapshot(createReadCheckpoint(kv, "run-4", l5.fence, log));
report("past cursor: stray user", past.ok && recordsOf(past.value.directory).users.some((u) => u.id === "00ustray"));
report(
  "past cursor: same directory",
  past.ok && JSON.stringify(withoutTime(past.value.directory)) === JSON.stringify(withoutTime(fresh.value.directory)),
);

// A damaged page: the checkpoint is dropped (with a warning) and the read starts afresh.
await kv.delete(keys.oktaReadAll() as Deno.KvKey);
const l6 = await lease();
await client().readSnapshot(losingAt(createReadCheckpoint(kv, "run-6", l6.fence, log), 4, l6.takeAway));
for await (const e of kv.list({ prefix: keys.oktaReadPages("run-6") as Deno.KvKey })) {
  await kv.set(e.key, new Uint8Array([0x78, 0x9c, 1, 2, 3, 4]));
  break;
}
const l7 = await lease();
const beforeDamaged = requests();
const damaged = await client().readSnapshot(createReadCheckpoint(kv, "run-6", l7.fence, log));
report("damaged: answer", damaged.ok && damaged.value.resumedPages);
report("damaged: requests", requests() - beforeDamaged);
report(
  "damaged: same directory",
  damaged.ok && JSON.stringify(withoutTime(damaged.value.directory)) === JSON.stringify(withoutTime(fresh.value.directory)),
);
report("damaged: warning", warnings.find((w) => w.startsWith("okta-read.checkpoint-dropped")) ?? null);
kv.close();
