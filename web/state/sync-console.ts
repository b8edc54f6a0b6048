/**
 * The sync console's live state: the edge's sync status, the recent runs, and the one run
 * being followed (the active one, or the one this admin just started or approved), polled
 * until it ends. Between runs the status is read again now and then, so a scheduled run or
 * another admin's shows up. Nothing is polled unless the page is open (`open()` … `close()`).
 */
import { createSignal } from "solid-js";
import type { SyncStatus } from "../../shared/api/sync.ts";
import type { Result } from "../../shared/result.ts";
import type { Api } from "./api.ts";
import type { SyncRunView } from "../../shared/api/sync-views.ts";
import { plainMessage } from "./wording.ts";

/** Whether `a` is a later reading of the same run than `b`. */
const newer = (a: SyncRunView, b: SyncRunView) =>
  a.state !== "running" ? b.state === "running" : b.state === "running" && (a.percent > b.percent || a.progress.done > b.progress.done);

/** How many runs the history table and chart show. */
export const RUNS_SHOWN = 50;

export type SyncConsoleApi = Pick<Api, "syncStatus" | "syncRuns" | "syncRun" | "startSync" | "approveRun" | "rejectRun">;

export function createSyncConsole(deps: { api: SyncConsoleApi; pollMs?: number; idleMs?: number }) {
  const pollMs = deps.pollMs ?? 700;
  const idleMs = deps.idleMs ?? 10_000;
  const [status, setStatus] = createSignal<SyncStatus | null>(null);
  const [runs, setRuns] = createSignal<SyncRunView[]>([]);
  const [followed, setFollowed] = createSignal<SyncRunView | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let isOpen = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** the run polled now, if any */
  let following: string | null = null;
  /** bumped by every open/close/follow, so an answer to an older poll is dropped */
  let epoch = 0;

  const failed = (message: string) => (setError(plainMessage(message)), false);
  const stopTimer = () => (timer && clearTimeout(timer), (timer = undefined));
  function later(ms: number) {
    stopTimer();
    const mine = epoch;
    if (isOpen) timer = setTimeout(() => void (mine === epoch && tick()), ms);
  }

  async function refresh(): Promise<void> {
    const [s, r] = await Promise.all([deps.api.syncStatus(), deps.api.syncRuns(RUNS_SHOWN)]);
    if (!s.ok) return void failed(s.error.message);
    if (!r.ok) return void failed(r.error.message);
    setStatus(s.value);
    setRuns(r.value);
    // A run followed before the page was left may have ended since.
    const f = followed();
    const fresh = f && r.value.find((x) => x.id === f.id);
    if (fresh && newer(fresh, f)) setFollowed(fresh);
  }

  /** One poll: the followed run, or (between runs) the status, which may name a new active run. */
  async function tick(): Promise<void> {
    const mine = epoch;
    if (!following) {
      await refresh();
      if (mine !== epoch) return;
      const active = status()?.activeRun;
      if (!active) return later(idleMs);
      following = active;
    }
    const id = following;
    const r = await deps.api.syncRun(id);
    if (mine !== epoch || !isOpen) return;
    if (!r.ok) {
      following = null;
      failed(r.error.message);
      return later(idleMs);
    }
    setFollowed(r.value);
    if (r.value.state === "running") return later(pollMs);
    following = null;
    await refresh();
    // The status can lag the run record by a moment: look again soon while it still names a run.
    if (mine === epoch) later(status()?.activeRun ? pollMs : idleMs);
  }

  function follow(run: SyncRunView): void {
    epoch++;
    setFollowed(run);
    following = run.state === "running" ? run.id : null;
    later(run.state === "running" ? pollMs : idleMs);
  }

  async function act<T>(call: () => Promise<Result<T, string>>, then: (value: T) => void): Promise<boolean> {
    setBusy(true);
    setError(null);
    setNotice(null);
    const r = await call();
    setBusy(false);
    if (!r.ok) return failed(r.error.message);
    then(r.value);
    await refresh();
    return true;
  }

  return {
    status,
    /** the recent runs, newest first (the followed run as last polled, when that is newer) */
    runs: (): SyncRunView[] => {
      const f = followed();
      return runs().map((r) => (f && r.id === f.id && newer(f, r) ? f : r));
    },
    /** the run being followed: running, or how the last one followed here ended */
    followed,
    error,
    notice,
    busy,
    /** Load the status and follow a run in progress; polling goes on until close(). */
    async open(): Promise<void> {
      isOpen = true;
      epoch++;
      following = null;
      await tick();
    },
    close(): void {
      isOpen = false;
      epoch++;
      following = null;
      stopTimer();
    },
    /** whether a poll is scheduled (the page is open) */
    polling: () => timer !== undefined,
    refresh,
    /** Start a run for everyone, or for `oktaUserIds` (provision on demand). */
    start: (mode: "apply" | "dry-run", oktaUserIds?: string[]) =>
      act(
        () => deps.api.startSync(oktaUserIds ? { mode, oktaUserIds } : { mode }),
        ({ run, started }) => {
          if (!started) setNotice("A run was already in progress: showing it instead of starting another.");
          follow(run);
        },
      ),
    /** Approve a stopped run: the edge starts a run that carries it out, which is then followed. */
    approve: (id: string) => act(() => deps.api.approveRun(id), ({ next }) => follow(next)),
    reject: (id: string) => act(() => deps.api.rejectRun(id), () => setNotice("Rejected: nothing was written to Genea.")),
  };
}
export type SyncConsole = ReturnType<typeof createSyncConsole>;
