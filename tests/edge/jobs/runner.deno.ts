/**
 * Run under Deno by runner.test.ts (Deno KV exists only there): the lease and job-runner
 * scenarios on an in-memory KV with a hand-driven clock. Prints one JSON line per scenario:
 * {"name", "value"}; the vitest side states what each value must be.
 */
import { createLeases } from "../../../edge/jobs/lease.ts";
import { createJobRunner, type JobControl } from "../../../edge/jobs/runner.ts";
import { createLog } from "../../../edge/log.ts";
import * as v from "valibot";

let t = 1_000_000;
const now = () => new Date(t);
const report = (name: string, value: unknown) => console.log(JSON.stringify({ name, value }));
const KEY = ["test", "lease"];

{
  const kv = await Deno.openKv(":memory:");
  const leases = createLeases(kv, now);
  const racers = await Promise.all(Array.from({ length: 8 }, (_, i) => leases.acquire(KEY, `p${i}`, `job${i}`, 1000)));
  report("race: winners", racers.filter((r) => r.ok).length);
  const winner = racers.find((r) => r.ok);
  report(
    "race: losers see the winner",
    racers.filter((r) => !r.ok).every((r) => !r.ok && winner?.ok && r.current.holder === winner.lease.holder),
  );
  if (!winner?.ok) throw new Error("no winner");
  t += 500;
  const renewed = await leases.renew(winner.lease, 1000);
  report("renew: extends", renewed ? renewed.expiresAt - t : null);
  t += 1001;
  const taken = await leases.acquire(KEY, "q", "job-q", 1000);
  report("takeover: epoch and previous", taken.ok ? { epoch: taken.lease.epoch, previous: taken.previous?.holder } : null);
  report("takeover: old holder cannot renew", renewed ? await leases.renew(renewed, 1000) : "no lease");
  const fenced = renewed ? await leases.fence(kv.atomic(), renewed).set(["test", "x"], 1).commit() : { ok: true };
  report("takeover: old holder's fenced write fails", fenced.ok);
  kv.close();
}

const JobSchema = v.object({ id: v.string(), state: v.string(), step: v.number() });
type Job = v.InferOutput<typeof JobSchema>;

function runnerOn(kv: Deno.Kv, holder: string, log: string[] = []) {
  return createJobRunner({
    kv,
    now,
    holder,
    schema: JobSchema,
    lockKey: ["test", "job-lock"],
    jobKey: (id) => ["test", "job", id],
    ttlMs: 1000,
    heartbeatMs: 60_000,
    recordTtlMs: 60_000,
    log: createLog({ write: (line) => log.push(line), now: () => new Date() }),
    crashed: (job) => ({ ...job, state: "crashed" }),
  });
}

{
  const kv = await Deno.openKv(":memory:");
  const a = runnerOn(kv, "A");
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const slow = async (job: Job, c: JobControl<Job>) => {
    await c.save({ ...job, step: 1 });
    await gate;
    return { ...job, state: "done", step: 2 };
  };
  const first = await a.start({ id: "j1", state: "running", step: 0 }, slow);
  const second = await a.start({ id: "j2", state: "running", step: 0 }, slow);
  report("start while running: second", { started: second.started, job: second.job.id, firstStarted: first.started });
  release();
  await a.settled("j1");
  report("finished record", await a.get("j1"));
  report("lease released after finishing", await a.active());
  kv.close();
}

{
  // The moment the lease's commit lands, the job's record must be there too: a racer that lost
  // looks it up right away. The probe reads KV straight after each commit that takes the lock.
  const kv = await Deno.openKv(":memory:");
  let recordWithLease: boolean | null = null;
  const probing = new Proxy(kv, {
    get(target, prop) {
      if (prop !== "atomic") return Reflect.get(target, prop).bind?.(target) ?? Reflect.get(target, prop);
      return () => {
        const op = target.atomic();
        let takesLock = false;
        const wrapped: Deno.AtomicOperation = new Proxy(op, {
          get(o, name) {
            if (name === "set") {
              return (key: Deno.KvKey, value: unknown, options?: { expireIn?: number }) => {
                if (key.join("/") === "test/job-lock") takesLock = true;
                o.set(key, value, options);
                return wrapped;
              };
            }
            if (name === "commit") {
              return async () => {
                const res = await o.commit();
                if (res.ok && takesLock && recordWithLease === null) {
                  recordWithLease = (await target.get(["test", "job", "j3"])).versionstamp !== null;
                }
                return res;
              };
            }
            const f = Reflect.get(o, name);
            return typeof f === "function" ? (...args: unknown[]) => (f.apply(o, args), wrapped) : f;
          },
        });
        return wrapped;
      };
    },
  });
  const started = await runnerOn(probing, "A").start({ id: "j3", state: "running", step: 0 }, (job) => Promise.resolve(job));
  report("record written with the lease", { started: started.started, recordWithLease });
  await new Promise((r) => setTimeout(r, 20));
  kv.close();
}

{
  const kv = await Deno.openKv(":memory:");
  const a = runnerOn(kv, "A");
  const b = runnerOn(kv, "B");
  let resumeA!: () => void;
  const stuck = new Promise<void>((r) => (resumeA = r));
  let aSaveAfterLoss: boolean | null = null;
  await a.start({ id: "j1", state: "running", step: 0 }, async (job, c) => {
    await c.save({ ...job, step: 5 });
    await stuck; // A stalls (as an evicted instance would) past its lease
    aSaveAfterLoss = await c.save({ ...job, step: 99 });
    return { ...job, state: "done-by-A", step: 99 };
  });
  t += 2000; // A's lease expires
  const resumed = await b.resume(async (job) => ({ ...job, state: "done-by-B", step: job.step + 1 }), (j) => j.state === "running");
  await b.settled("j1");
  resumeA();
  await a.settled("j1");
  report("resume: B takes over from saved progress", { started: resumed?.started, record: await b.get("j1") });
  report("resume: A's late save is refused", aSaveAfterLoss);
  report("resume: nothing left to take over", await b.resume(async (j) => j, (j) => j.state === "running"));
  kv.close();
}

{
  const kv = await Deno.openKv(":memory:");
  const a = runnerOn(kv, "A");
  let saved = 0;
  await a.start({ id: "j1", state: "running", step: 0 }, async (job, c) => {
    // Heartbeats from many places at once (a timer, checkpoints, a fence retry) must not look like a takeover.
    const beats = await Promise.all(Array.from({ length: 20 }, () => c.heartbeat()));
    for (let i = 0; i < 20; i++) if (await c.save({ ...job, step: i })) saved++;
    return { ...job, state: beats.every(Boolean) && !c.signal.aborted ? "done" : "lost" };
  });
  await a.settled("j1");
  report("concurrent heartbeats keep the lease", { record: await a.get("j1"), saved });
  kv.close();
}

{
  const kv = await Deno.openKv(":memory:");
  const log: string[] = [];
  const a = runnerOn(kv, "A", log);
  await a.start({ id: "j1", state: "running", step: 0 }, async (job, c) => {
    await c.save({ ...job, step: 3 });
    throw new Error("a bug with secret data");
  });
  await a.settled("j1");
  report("crash: record", await a.get("j1"));
  report("crash: log names no message", log.some((l) => l.includes("secret data")));
  kv.close();
}
