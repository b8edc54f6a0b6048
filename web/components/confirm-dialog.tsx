/**
 * "Are you sure?" for actions that change who can open doors: says what happens in
 * sentences, optionally requires a note, and names the action on its button.
 */
import { Button } from "@kobalte/core/button";
import { TextField } from "@kobalte/core/text-field";
import { createSignal, type JSX, Show } from "solid-js";
import { Modal } from "./modal.tsx";

export function ConfirmDialog(props: {
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  /** a note field; `required` keeps the button disabled until it has text */
  note?: { label: string; required: boolean; initial?: string };
  danger?: boolean;
  busy?: boolean;
  onConfirm: (note: string) => void;
  onClose: () => void;
}) {
  const [note, setNote] = createSignal(props.note?.initial ?? "");
  const blocked = () => props.busy || (props.note?.required === true && note().trim() === "");
  return (
    <Modal title={props.title} class="confirm-dialog" onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!blocked()) props.onConfirm(note());
        }}
      >
        <div class="confirm-body">{props.children}</div>
        <Show when={props.note}>
          {(n) => (
            <TextField class="field" value={note()} onChange={setNote} required={n().required}>
              <TextField.Label class="field-label">{n().label}{n().required ? " (required)" : ""}</TextField.Label>
              <TextField.TextArea class="input" rows={2} />
            </TextField>
          )}
        </Show>
        <footer class="dialog-footer">
          <Button class="btn" onClick={() => props.onClose()}>Cancel</Button>
          <Button class={`btn primary ${props.danger ? "danger-primary" : ""}`} type="submit" disabled={blocked()}>
            {props.confirmLabel}
          </Button>
        </footer>
      </form>
    </Modal>
  );
}
