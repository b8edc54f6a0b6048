/** The KV lease and job runner (edge/jobs), exercised under Deno on an in-memory KV. */
import { describe, expect, it } from "vitest";
import { scenarios } from "../../support/deno-scenarios.ts";

const result = scenarios("tests/edge/jobs/runner.deno.ts");

describe("createLeases()", () => {
  it("lets exactly one of eight racing acquirers win", () => expect(result("race: winners")).toBe(1));
  it("tells the losers who holds the lease", () => expect(result("race: losers see the winner")).toBe(true));
  it("extends a lease on renew", () => expect(result("renew: extends")).toBe(1000));
  it("hands an expired lease over with a higher epoch and the previous record", () =>
    expect(result("takeover: epoch and previous")).toEqual({ epoch: 2, previous: expect.stringMatching(/^p\d$/) }));
  it("refuses the old holder's renewal after a takeover", () => expect(result("takeover: old holder cannot renew")).toBeNull());
  it("fails the old holder's fenced writes after a takeover", () =>
    expect(result("takeover: old holder's fenced write fails")).toBe(false));
});

describe("createJobRunner()", () => {
  it("answers the running job instead of starting a second", () =>
    expect(result("start while running: second")).toEqual({ started: false, job: "j1", firstStarted: true }));
  it("writes the job's record in the lease's own commit, so a racer that lost finds the job it lost to", () =>
    expect(result("record written with the lease")).toEqual({ started: true, recordWithLease: true }));
  it("saves the finished record and releases the lease", () => {
    expect(result("finished record")).toEqual({ id: "j1", state: "done", step: 2 });
    expect(result("lease released after finishing")).toBeNull();
  });
  it("resumes an abandoned job from its saved progress on another instance", () =>
    expect(result("resume: B takes over from saved progress")).toEqual({
      started: true,
      record: { id: "j1", state: "done-by-B", step: 6 },
    }));
  it("refuses the stalled instance's late writes", () => expect(result("resume: A's late save is refused")).toBe(false));
  it("finds nothing to resume once the job finished", () => expect(result("resume: nothing left to take over")).toBeNull());
  it("keeps the lease through many heartbeats at once", () =>
    expect(result("concurrent heartbeats keep the lease")).toEqual({ record: { id: "j1", state: "done", step: 0 }, saved: 20 }));
  it("records a crashed job as crashed, keeping its progress", () =>
    expect(result("crash: record")).toEqual({ id: "j1", state: "crashed", step: 3 }));
  it("does not log a crashing error's message", () => expect(result("crash: log names no message")).toBe(false));
});
