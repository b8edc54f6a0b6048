/** What doorsync did to one person, newest first, and their ledger link (Okta id → Genea user). */
import { createSignal } from "solid-js";
import type { Api } from "./api.ts";
import type { PersonHistory } from "../../shared/api/sync-views.ts";

export function createPersonHistory(deps: { api: Pick<Api, "personHistory">; oktaId: string }) {
  const [history, setHistory] = createSignal<PersonHistory | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  return {
    history,
    error,
    async load(): Promise<void> {
      const r = await deps.api.personHistory(deps.oktaId);
      if (!r.ok) return void setError(r.error.message);
      setError(null);
      setHistory(r.value);
    },
  };
}
export type PersonHistoryStore = ReturnType<typeof createPersonHistory>;
