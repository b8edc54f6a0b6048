/**
 * A run's operations, one row each (virtualised: only the rows in view exist): who, what
 * changed, why, and how it went. Choosing a row (click, or arrow keys and Enter) opens that
 * person's sync history.
 */
import type { AuditEntry } from "../../shared/api/sync.ts";
import { type Href, syncHref } from "../state/router.ts";
import { changeWords, RESULT_WORDS } from "../state/sync-words.ts";
import { VirtualList } from "./virtual-list.tsx";

const ROW = 60;

export function AuditList(props: { entries: readonly AuditEntry[]; label: string; navigate: (to: Href) => void }) {
  return (
    <div class="audit">
      <div class="audit-row audit-head" aria-hidden="true">
        <span>Person</span>
        <span>Operation</span>
        <span>Result</span>
      </div>
      <VirtualList
        items={props.entries}
        label={props.label}
        rowHeight={ROW}
        height={Math.min(8 * ROW, props.entries.length * ROW + 2)}
        onActivate={(e) => props.navigate(syncHref.person(e.oktaId))}
      >
        {(e) => (
          <div class={`audit-row result-${e.result}`} data-entry={e.seq}>
            <span class="audit-person row-title">{e.email || e.oktaId}</span>
            <span class="audit-op">
              <span class="audit-change">{changeWords(e)}</span>
              <span class="muted audit-why">because {e.reason.text}</span>
            </span>
            <span class="audit-result" data-result={e.result}>
              {RESULT_WORDS[e.result]}
              {e.attempts > 1 ? ` after ${e.attempts} tries` : ""}
              {e.error ? <span class="error audit-error">: {e.error}</span> : null}
            </span>
          </div>
        )}
      </VirtualList>
      <p class="hint">Choose a row (click, or the arrow keys and Enter) to see everything doorsync did to that person.</p>
    </div>
  );
}
