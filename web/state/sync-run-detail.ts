/**
 * One run in detail: the run record and its audit entries, filtered by person, property and
 * result on the edge, read a page at a time (the `after` cursor) as the admin asks for more.
 */
import { createSignal } from "solid-js";
import type { AuditEntry } from "../../shared/api/sync.ts";
import type { Api } from "./api.ts";
import type { EntryFilter, SyncRunView } from "../../shared/api/sync-views.ts";

export const ENTRY_PAGE = 200;

export function createRunDetail(
  deps: { api: Pick<Api, "syncRun" | "syncOperations" | "operationsCsvUrl">; runId: string; pageSize?: number },
) {
  const pageSize = deps.pageSize ?? ENTRY_PAGE;
  const [run, setRun] = createSignal<SyncRunView | null>(null);
  const [entries, setEntries] = createSignal<AuditEntry[]>([]);
  const [filter, setFilter] = createSignal<EntryFilter>({});
  const [next, setNext] = createSignal<number | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  /** bumped by every new filter, so a page for an older filter is dropped */
  let generation = 0;

  async function page(after: number): Promise<void> {
    const mine = generation;
    setLoading(true);
    const r = await deps.api.syncOperations(deps.runId, filter(), after, pageSize);
    if (mine !== generation) return;
    setLoading(false);
    if (!r.ok) return void setError(r.error.message);
    setError(null);
    setEntries(after < 0 ? r.value.entries : [...entries(), ...r.value.entries]);
    setNext(r.value.next);
  }

  return {
    run,
    entries,
    filter,
    /** true while more entries match than are loaded */
    hasMore: () => next() !== null,
    loading,
    error,
    csvUrl: () => deps.api.operationsCsvUrl(deps.runId),
    async load(): Promise<void> {
      const r = await deps.api.syncRun(deps.runId);
      if (!r.ok) return void setError(r.error.message);
      setRun(r.value);
      await page(-1);
    },
    /** Show only entries matching `f` (empty fields match everything), from the first. */
    async applyFilter(f: EntryFilter): Promise<void> {
      const clean: EntryFilter = {};
      if (f.user?.trim()) clean.user = f.user.trim();
      if (f.property) clean.property = f.property;
      if (f.result) clean.result = f.result;
      generation++;
      setFilter(clean);
      setEntries([]);
      setNext(null);
      await page(-1);
    },
    async loadMore(): Promise<void> {
      const after = next();
      if (after !== null && !loading()) await page(after);
    },
  };
}
export type RunDetail = ReturnType<typeof createRunDetail>;
