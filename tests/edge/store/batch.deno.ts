/** Run under Deno by batch.test.ts: createBatch on an in-memory KV; one JSON line per scenario. */
import { createBatch } from "../../../edge/store/batch.ts";

const report = (name: string, value: unknown) => console.log(JSON.stringify({ name, value }));
const kv = await Deno.openKv(":memory:");

const batch = createBatch(kv);
for (let i = 0; i < 5000; i++) batch.set(["t", i], { i, pad: "x".repeat(100) }); // all added before any commit runs
report("many sets: flushed", await batch.flush());
let n = 0;
for await (const _ of kv.list({ prefix: ["t"] })) n++;
report("many sets: all written", n);
report("many sets: stats", batch.stats());

// How many sets had been added when each commit began: with ready() awaited between sets, the
// writer waits for KV; without it, everything is queued before the first commit starts.
async function addedAtCommits(awaitReady: boolean): Promise<number[]> {
  let added = 0;
  const began: number[] = [];
  const b = createBatch(kv, { apply: (op) => (began.push(added), op), stillHeld: () => Promise.resolve(true) });
  for (let i = 0; i < 5000; i++) {
    b.set(["r", awaitReady ? 1 : 0, i], { i });
    added++;
    if (awaitReady && !(await b.ready())) throw new Error("ready() failed");
  }
  await b.flush();
  return began;
}
report("ready: added at commits", await addedAtCommits(true));
report("no ready: added at commits", await addedAtCommits(false));

const big = createBatch(kv);
for (let i = 0; i < 40; i++) big.set(["b", i], "y".repeat(50_000)); // 2 MB in all
report("large values: flushed", await big.flush());
report("large values: largest commit", big.stats().largestCommit);

try {
  createBatch(kv).set(["too", "big"], "z".repeat(70_000));
  report("oversized value", "accepted");
} catch (e) {
  report("oversized value", e instanceof Error ? e.message : String(e));
}

let held = true;
const lease = ["lease"];
await kv.set(lease, 1);
const stamp = (await kv.get(lease)).versionstamp!;
const fenced = createBatch(kv, { apply: (op) => op.check({ key: lease, versionstamp: stamp }), stillHeld: () => Promise.resolve(held) });
await kv.set(lease, 2); // someone else took the lease
held = false;
fenced.set(["f", 1], 1);
report("lost fence: flush", await fenced.flush());
report("lost fence: nothing written", (await kv.get(["f", 1])).versionstamp === null);
fenced.set(["f", 2], 2);
void fenced.flush();
fenced.set(["f", 3], 3);
void fenced.flush();
report("lost fence: ready", await fenced.ready());
kv.close();
