/**
 * The line under the header about the draft itself: unpublished changes (and "Discard
 * draft"), the one undoable step, and a draft save refused because another tab saved first
 * (reload theirs / keep mine).
 */
import { Button } from "@kobalte/core/button";
import { createSignal, Show } from "solid-js";
import type { Workspace } from "../state/app-state.ts";
import { ConfirmDialog } from "./confirm-dialog.tsx";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "just now");

export function DraftBar(props: { ws: Workspace }) {
  const ws = props.ws;
  const [confirmDiscard, setConfirmDiscard] = createSignal(false);
  return (
    <div class="draft-bar">
      <Show when={ws.draft.conflict()}>
        {(c) => (
          <div class="banner conflict" role="alert">
            <p>
              Your latest edits are not saved to the server: {c().updatedBy ?? "someone"} saved the draft at {when(c().updatedAt)}{" "}
              after you loaded it. Reload their draft (yours can be brought back with Undo), or keep yours and save it over theirs.
            </p>
            <Button class="btn small" onClick={() => void ws.reloadTheirDraft()}>Reload their draft</Button>
            <Button class="btn small" onClick={() => void ws.draft.keepMine()}>Keep mine</Button>
          </div>
        )}
      </Show>
      <Show when={ws.ready() && ws.draft.hasUnpublishedChanges()}>
        <p class="unpublished" data-testid="unpublished">
          <span class="dot" aria-hidden="true" /> Unpublished changes: the draft differs from{" "}
          {ws.draft.published() ? `version ${ws.draft.published()!.version}` : "the published rules (nothing is published yet)"}.
          <Button class="btn small" onClick={() => setConfirmDiscard(true)}>Discard draft</Button>
        </p>
      </Show>
      <Show when={ws.undo.offer()}>
        {(o) => (
          <p class="undo" role="status">
            {o().label}. <Button class="btn small" onClick={() => ws.undo.undo()}>Undo</Button>
            <Button class="btn small" aria-label="Dismiss" onClick={() => ws.undo.dismiss()}>×</Button>
          </p>
        )}
      </Show>
      <Show when={confirmDiscard()}>
        <ConfirmDialog
          title="Discard the draft?"
          confirmLabel="Discard draft"
          danger
          onConfirm={() => {
            setConfirmDiscard(false);
            void ws.discardDraft();
          }}
          onClose={() => setConfirmDiscard(false)}
        >
          <p>
            The draft goes back to{" "}
            {ws.draft.published() ? `the published version ${ws.draft.published()!.version}` : "no rules (nothing is published yet)"}.
            Nothing is published or synced; you can undo this right after.
          </p>
        </ConfirmDialog>
      </Show>
    </div>
  );
}
