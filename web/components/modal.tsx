/**
 * A modal dialog (Kobalte Dialog) that gives focus back when it closes: to the element that
 * had it when the dialog opened, or, when that is gone (its row was redrawn), to `fallback`.
 * Dialogs here open from state, not from a Dialog.Trigger, so Kobalte has nothing to return to.
 */
import { Dialog } from "@kobalte/core/dialog";
import type { JSX } from "solid-js";

export function Modal(props: {
  title: JSX.Element;
  class?: string;
  closeLabel?: string;
  onClose: () => void;
  /** where focus goes when the opener is gone */
  fallback?: () => HTMLElement | null | undefined;
  /** e.g. guard Escape on unsaved edits */
  onEscapeKeyDown?: (e: KeyboardEvent) => void;
  onPointerDownOutside?: (e: Event) => void;
  children: JSX.Element;
}) {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const giveBack = (e: Event) => {
    e.preventDefault();
    const target = opener?.isConnected ? opener : props.fallback?.();
    target?.focus();
  };
  return (
    <Dialog open onOpenChange={(o) => !o && props.onClose()} modal>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <Dialog.Content
            class={`dialog ${props.class ?? ""}`}
            onCloseAutoFocus={giveBack}
            onEscapeKeyDown={props.onEscapeKeyDown}
            onPointerDownOutside={props.onPointerDownOutside}
          >
            <header class="dialog-header">
              <Dialog.Title class="dialog-title">{props.title}</Dialog.Title>
              <Dialog.CloseButton class="btn icon" aria-label={props.closeLabel ?? "Close"}>×</Dialog.CloseButton>
            </header>
            {props.children}
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
