/**
 * Keeps the simulation in step with the draft: at most one setDraft in flight, and only the
 * newest draft is simulated next, so fast typing never queues stale work. The slower
 * comparison with current Genea state follows once edits pause. Marks `doorsync:edit:N` /
 * `doorsync:sim-result:N` for the browser benchmark.
 */
import { createSignal } from "solid-js";
import type { RuleSet } from "../../shared/rules/model.ts";
import type { CurrentComparison, SimulationClient, SimulationSummary } from "../worker/contract.ts";

export function createSimulator(
  sim: Pick<SimulationClient, "setDraft" | "compareWithCurrent">,
  perf: Pick<Performance, "mark"> | null = globalThis.performance ?? null,
  opts: { compareDelayMs?: number } = {},
) {
  const [summary, setSummary] = createSignal<SimulationSummary | null>(null);
  const [current, setCurrent] = createSignal<CurrentComparison | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let running = false;
  let pending: RuleSet | null = null;
  let edits = 0;
  let waiters: (() => void)[] = [];
  let compareTimer: ReturnType<typeof setTimeout> | undefined;

  async function compare(): Promise<void> {
    const c = await sim.compareWithCurrent();
    if (c && c.revision === summary()?.revision) setCurrent(c);
  }
  const scheduleCompare = () => {
    clearTimeout(compareTimer);
    compareTimer = setTimeout(() => void compare(), opts.compareDelayMs ?? 2000);
  };

  async function pump(): Promise<void> {
    running = true;
    while (pending) {
      const next = pending;
      pending = null;
      const n = edits;
      try {
        setSummary(await sim.setDraft(next));
        setError(null);
        perf?.mark(`doorsync:sim-result:${n}`);
      } catch (e) {
        setError(`The simulation failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    running = false;
    scheduleCompare();
    const done = waiters;
    waiters = [];
    for (const w of done) w();
  }

  return {
    summary,
    /** vs current Genea: may trail the summary by one pause in editing */
    current,
    currentIsStale: () => current() !== null && current()!.revision !== summary()?.revision,
    error,
    /** Show a summary obtained directly (the start-up's partial, focused one). */
    show(s: SimulationSummary) {
      if (!summary() || s.revision > summary()!.revision) setSummary(s);
    },
    /** Compare with Genea now (after the current state reached the worker). */
    compareNow: compare,
    /** Compare with Genea once editing pauses (it holds the worker for a while at 100k users). */
    compareWhenIdle: scheduleCompare,
    /** Ask for a simulation of `ruleSet`; resolves once the newest request has been simulated. */
    request(ruleSet: RuleSet): Promise<void> {
      edits++;
      perf?.mark(`doorsync:edit:${edits}`);
      pending = ruleSet;
      const settled = new Promise<void>((r) => waiters.push(r));
      if (!running) void pump();
      return settled;
    },
  };
}
export type Simulator = ReturnType<typeof createSimulator>;
