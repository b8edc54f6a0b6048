/**
 * Additions, changes, removals and errors per run over time, as a small hand-made SVG line
 * chart. Each series has its own colour and its own dash and marker shape, so it reads
 * without colour too; the run history table below holds the same numbers for screen readers.
 */
import { For, Show } from "solid-js";
import { niceMax, SERIES, type Series, type TrendPoint } from "../state/sync-trend.ts";
import { fmt } from "../state/sync-words.ts";

const W = 640;
const H = 170;
const PAD = { left: 44, right: 12, top: 10, bottom: 26 };
const STYLE: Record<Series, { label: string; dash: string; marker: "circle" | "square" | "diamond" | "cross" }> = {
  additions: { label: "Additions", dash: "", marker: "circle" },
  changes: { label: "Changes", dash: "6 3", marker: "square" },
  removals: { label: "Removals", dash: "2 3", marker: "diamond" },
  errors: { label: "Errors", dash: "10 3 2 3", marker: "cross" },
};
const day = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

function Marker(props: { kind: (typeof STYLE)[Series]["marker"]; x: number; y: number }) {
  const r = 3.5;
  if (props.kind === "circle") return <circle cx={props.x} cy={props.y} r={r} />;
  if (props.kind === "square") return <rect x={props.x - r} y={props.y - r} width={2 * r} height={2 * r} />;
  if (props.kind === "diamond") {
    return (
      <path
        d={`M${props.x} ${props.y - r - 1}L${props.x + r + 1} ${props.y}L${props.x} ${props.y + r + 1}L${props.x - r - 1} ${props.y}Z`}
      />
    );
  }
  return (
    <path
      d={`M${props.x - r} ${props.y - r}L${props.x + r} ${props.y + r}M${props.x + r} ${props.y - r}L${props.x - r} ${props.y + r}`}
      fill="none"
      stroke-width="2"
    />
  );
}

export function SyncChart(props: { points: readonly TrendPoint[] }) {
  const max = () => niceMax(props.points);
  const x = (i: number) =>
    PAD.left + (props.points.length < 2 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (props.points.length - 1));
  const y = (n: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - n / max());
  const last = () => props.points[props.points.length - 1];
  const summary = () => {
    const p = last();
    if (!p) return "No finished runs yet.";
    return `${props.points.length} runs from ${day(props.points[0].at)} to ${day(p.at)}. The latest made ${fmt(p.additions)} additions, ${
      fmt(p.changes)
    } changes and ${fmt(p.removals)} removals, with ${fmt(p.errors)} errors.`;
  };
  return (
    <figure class="sync-chart">
      <Show when={props.points.length > 0} fallback={<p class="hint">The chart appears after the first finished run.</p>}>
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Changes per run over time. ${summary()}`}>
          <line class="axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
          <line class="grid" x1={PAD.left} x2={W - PAD.right} y1={y(max())} y2={y(max())} />
          <text class="tick" x={PAD.left - 6} y={y(0) + 4} text-anchor="end">0</text>
          <text class="tick" x={PAD.left - 6} y={y(max()) + 4} text-anchor="end">{fmt(max())}</text>
          <text class="tick" x={PAD.left} y={H - 6} text-anchor="start">{day(props.points[0].at)}</text>
          <Show when={props.points.length > 1}>
            <text class="tick" x={W - PAD.right} y={H - 6} text-anchor="end">{day(last()!.at)}</text>
          </Show>
          <For each={SERIES}>
            {(s) => (
              <g class={`series series-${s}`}>
                <polyline
                  fill="none"
                  stroke-dasharray={STYLE[s].dash}
                  points={props.points.map((p, i) => `${x(i)},${y(p[s])}`).join(" ")}
                />
                <For each={props.points}>{(p, i) => <Marker kind={STYLE[s].marker} x={x(i())} y={y(p[s])} />}</For>
              </g>
            )}
          </For>
        </svg>
      </Show>
      <figcaption>
        <ul class="chart-legend">
          <For each={SERIES}>
            {(s) => (
              <li class={`series-${s}`}>
                <svg width="28" height="10" aria-hidden="true">
                  <line x1="0" x2="28" y1="5" y2="5" stroke-dasharray={STYLE[s].dash} />
                </svg>
                {STYLE[s].label}
              </li>
            )}
          </For>
        </ul>
        <span class="hint">What each finished run changed in Genea (dry runs and stopped runs change nothing).</span>
      </figcaption>
    </figure>
  );
}
