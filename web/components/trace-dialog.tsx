/** A dialog showing one person's decision trace at the current property (asked of the worker). */
import { Dialog } from "@kobalte/core/dialog";
import { createResource, Show } from "solid-js";
import type { Trace, UserRef } from "../worker/contract.ts";
import { TraceView } from "./trace-view.tsx";

export function TraceDialog(props: { user: UserRef; propertyName: string; explain: () => Promise<Trace | null>; onClose: () => void }) {
  const [trace] = createResource(() => props.explain());
  const label = () => `${props.user.name} (${props.user.email ?? props.user.login ?? props.user.id})`;
  return (
    <Dialog open onOpenChange={(o) => !o && props.onClose()} modal>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <Dialog.Content class="dialog trace-dialog">
            <header class="dialog-header">
              <Dialog.Title class="dialog-title">Why {label()} gets this at {props.propertyName}</Dialog.Title>
              <Dialog.CloseButton class="btn icon" aria-label="Close">×</Dialog.CloseButton>
            </header>
            <Show when={!trace.loading} fallback={<p class="hint">Tracing…</p>}>
              <Show when={trace()} fallback={<p class="error" role="alert">This person is not in the cached directory.</p>}>
                {(t) => <TraceView trace={t()} userLabel={label()} />}
              </Show>
            </Show>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
