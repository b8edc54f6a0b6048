/** A dialog showing one person's decision trace at the current property (asked of the worker). */
import { Modal } from "./modal.tsx";
import { createResource, Show } from "solid-js";
import type { Trace, UserRef } from "../worker/contract.ts";
import { TraceView } from "./trace-view.tsx";

export function TraceDialog(props: { user: UserRef; propertyName: string; explain: () => Promise<Trace | null>; onClose: () => void }) {
  const [trace] = createResource(() => props.explain());
  const label = () => `${props.user.name} (${props.user.email ?? props.user.login ?? props.user.id})`;
  return (
    <Modal title={`Why ${label()} gets this at ${props.propertyName}`} class="trace-dialog" onClose={props.onClose}>
      <Show when={!trace.loading} fallback={<p class="hint">Tracing…</p>}>
        <Show when={trace()} fallback={<p class="error" role="alert">This person is not in the cached directory.</p>}>
          {(t) => <TraceView trace={t()} userLabel={label()} />}
        </Show>
      </Show>
    </Modal>
  );
}
