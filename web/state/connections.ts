/** The Okta and Genea connection statuses and the forms that change them. */
import { createSignal } from "solid-js";
import type { ConnectionsInfo, GeneaConnectionInput, OktaConnectionInput } from "../../shared/api/schemas.ts";
import type { Result } from "../../shared/result.ts";
import type { Api, ApiCode } from "./api.ts";
import { plainMessage } from "./wording.ts";

export function createConnections(api: Pick<Api, "connections" | "connectOkta" | "connectGenea">) {
  const [info, setInfo] = createSignal<ConnectionsInfo | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function apply(call: () => Promise<Result<ConnectionsInfo, ApiCode>>): Promise<boolean> {
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    if (!r.ok) setError(plainMessage(r.error.message));
    else setInfo(r.value);
    return r.ok;
  }
  return {
    info,
    error,
    busy,
    load: () => apply(api.connections),
    connectOkta: (input: OktaConnectionInput) => apply(() => api.connectOkta(input)),
    connectGenea: (input: GeneaConnectionInput) => apply(() => api.connectGenea(input)),
  };
}
export type Connections = ReturnType<typeof createConnections>;
