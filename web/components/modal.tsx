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
  /** where focus goes when the dialog opens (default: its first focusable element) */
  initialFocus?: () => HTMLElement | null | undefined;
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
  let content: HTMLElement | undefined;
  /**
   * An element removed while focused (a closed listbox, a removed condition) leaves focus on
   * the body, from where Tab reaches the page behind the dialog: bring it back inside.
   */
  const keepFocusInside = (e: FocusEvent) => {
    if (e.relatedTarget) return;
    setTimeout(() => {
      const a = document.activeElement;
      if (content?.isConnected && (!a || a === document.body)) {
        const first = content.querySelector<HTMLElement>("input, select, textarea, button:not([disabled]), [tabindex='0']");
        (first ?? content).focus();
      }
    }, 0);
  };
  return (
    <Dialog open onOpenChange={(o) => !o && props.onClose()} modal>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <Dialog.Content
            class={`dialog ${props.class ?? ""}`}
            ref={content}
            onFocusOut={keepFocusInside}
            onCloseAutoFocus={giveBack}
            onOpenAutoFocus={(e: Event) => {
              const target = props.initialFocus?.();
              if (!target) return;
              e.preventDefault();
              target.focus();
            }}
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
