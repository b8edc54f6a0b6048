/** The sync's cron tick (edge/sync/service.ts), under Deno on an in-memory KV. */
import { describe, expect, it } from "vitest";
import { scenarios } from "../../support/deno-scenarios.ts";

const result = scenarios("tests/edge/sync/scheduler.deno.ts");
const nothing = { resumed: null, started: null, refused: null };

describe("the scheduled sync (cron tick)", () => {
  it("refuses without both connections, and says why on the status", () => {
    expect(result("nothing connected: refused")).toEqual({ ...nothing, refused: "not-connected" });
    expect(result("nothing connected: status says why")).toBe("not-connected");
  });
  it("refuses while nothing is published", () =>
    expect(result("connected, nothing published: refused")).toEqual({ ...nothing, refused: "no-rules" }));
  it("starts a cron run of the published version when due", () => {
    expect(result("due and ready: a cron run starts")).toEqual({ started: true, refused: null });
    expect(result("the cron run")).toEqual({ trigger: "cron", version: 3, state: "failed", error: "Okta is unreachable in this test" });
  });
  it("waits for the interval", () => expect(result("before the interval has passed: nothing")).toEqual(nothing));
  it("takes the interval from the settings", () => expect(result("a shorter interval from the settings: due now")).toBe(true));
  it("does not start while a run awaits approval", () =>
    expect(result("a run awaits approval: refused")).toEqual({ ...nothing, refused: "awaiting-approval" }));
  it("does nothing when the schedule is off", () => {
    expect(result("schedule off: nothing")).toEqual(nothing);
    expect(result("schedule off: no next run")).toBeNull();
  });
});
