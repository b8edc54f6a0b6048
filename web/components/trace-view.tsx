/** One user's decision at one property: every rule, every condition, pass/fail, actual vs expected. */
import { For, Show } from "solid-js";
import type { Trace } from "../worker/contract.ts";

const VERDICT_LABEL = { won: "won", "not-matched": "did not match", disabled: "disabled", "not-evaluated": "not evaluated" } as const;
const mark = (passed: boolean | null) => (passed === null ? "–" : passed ? "✓ pass" : "✗ fail");

export function TraceView(props: { trace: Trace; userLabel: string }) {
  return (
    <section class="trace" aria-label={`Decision trace for ${props.userLabel}`}>
      <p class="trace-summary" data-testid="trace-summary">{props.trace.summary}</p>
      <ol class="trace-rules">
        <For each={props.trace.rules}>
          {(r) => (
            <li class={`trace-rule verdict-${r.verdict}`}>
              <h4>
                {r.index + 1}. {r.name || r.id} <span class={`badge verdict ${r.verdict}`}>{VERDICT_LABEL[r.verdict]}</span>
              </h4>
              <p class="hint">{r.reason}</p>
              <Show when={r.conditions.length > 0}>
                <table class="trace-conditions">
                  <caption class="sr-only">Conditions of rule {r.name || r.id}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Condition</th>
                      <th scope="col">Expected</th>
                      <th scope="col">Actual</th>
                      <th scope="col">Result</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={r.conditions}>
                      {(c) => (
                        <tr classList={{ pass: c.passed === true, fail: c.passed === false }}>
                          <td>{c.description}</td>
                          <td>{c.expected}</td>
                          <td>{c.actual}{c.note ? ` (${c.note})` : ""}</td>
                          <td>{mark(c.passed)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
