/**
 * Run by batch.test.ts under Deno: createBatch() against a real (in-memory) KV, fed many
 * mutations in one synchronous loop, as a dry run's or a stopped run's plan is written.
 * Prints one JSON line: whether every flush succeeded, how many values read back, the stats.
 */
import { createBatch } from "../../../edge/store/batch.ts";

const kv = await Deno.openKv(":memory:");
const out: Record<string, unknown> = {};
for (const [name, count, size] of [["many small", 2_500, 100], ["few large", 400, 2_000]] as const) {
  const batch = createBatch(kv);
  for (let i = 0; i < count; i++) batch.set([name, i], { i, pad: "x".repeat(size) }); // no await in between
  const flushed = await batch.flush();
  let read = 0;
  for await (const _ of kv.list({ prefix: [name] })) read++;
  out[name] = { flushed, read, ...batch.stats() };
}
kv.close();
console.log(JSON.stringify(out));
