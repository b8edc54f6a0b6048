/** BLE mobile key and Apple Wallet badges for a rule's actions. */
import { Badge } from "@kobalte/core/badge";
import { Show } from "solid-js";
import type { Actions } from "../../shared/rules/model.ts";

export function MobileBadges(props: { actions: Actions }) {
  return (
    <Show when={props.actions.kind === "grant" ? props.actions : null} fallback={<span class="muted">—</span>}>
      {(grant) => (
        <span class="badges">
          <Show when={grant().mobileKey}>
            <Badge class="badge badge-ble" textValue="BLE mobile key">BLE</Badge>
          </Show>
          <Show when={grant().wallet}>
            <Badge class="badge badge-wallet" textValue="Apple Wallet pass">Apple Wallet</Badge>
          </Show>
          <Show when={!grant().mobileKey && !grant().wallet}>
            <span class="muted">none</span>
          </Show>
        </span>
      )}
    </Show>
  );
}
