/** "N people lose access: 1,030 at New York, …" for a rule set that would replace the published one. */
import { For, Show } from "solid-js";
import type { PropertyImpact } from "../worker/contract.ts";

const fmt = (n: number) => n.toLocaleString("en-US");

export function ImpactList(props: { impact: readonly PropertyImpact[]; name: (uuid: string) => string }) {
  const losing = () => props.impact.filter((p) => p.lost > 0);
  const lost = () => losing().reduce((n, p) => n + p.lost, 0);
  const gained = () => props.impact.reduce((n, p) => n + p.gained, 0);
  return (
    <div class="impact" data-testid="impact">
      <Show when={lost() > 0} fallback={<p>Nobody loses access{gained() > 0 ? `; ${fmt(gained())} people gain access` : ""}.</p>}>
        <p class="loss">
          <strong>{fmt(lost())} people lose door access</strong>
          {gained() > 0 ? ` (and ${fmt(gained())} gain access)` : ""}:
        </p>
        <ul>
          <For each={losing()}>{(p) => <li>{fmt(p.lost)} at {props.name(p.locationUuid)}</li>}</For>
        </ul>
      </Show>
    </div>
  );
}
