/**
 * The per-property rule summary: priority, name, conditions in plain words, access groups,
 * role, mobile badges, users decided, lint badges. Rows reorder by dragging the handle with
 * the mouse, or from the keyboard (Space lifts, arrows move, Space drops, Escape cancels;
 * Alt+Arrow moves a row at once). Every move is announced in an aria-live region.
 */
import { Button } from "@kobalte/core/button";
import { Switch } from "@kobalte/core/switch";
import { createMemo, createSignal, For, Show } from "solid-js";
import type { Catalog } from "../../shared/genea/model.ts";
import type { Rule } from "../../shared/rules/model.ts";
import type { Finding } from "../worker/contract.ts";
import { describeRuleConditions, describeTargets } from "./rule-words.ts";
import { MobileBadges } from "./mobile-badges.tsx";
import { createReorder } from "./reorder.ts";

export interface RuleTableProps {
  rules: readonly Rule[];
  /** users decided per rule (index-aligned); undefined while simulating */
  counts?: readonly number[];
  findings: readonly Finding[];
  catalog: Catalog | null;
  groupNames: ReadonlyMap<string, string>;
  onMove: (from: number, to: number) => void;
  onEdit: (rule: Rule) => void;
  onDuplicate: (ruleId: string) => void;
  onToggle: (ruleId: string, enabled: boolean) => void;
  onDelete: (rule: Rule) => void;
}

/** Stands in for a rule whose row is being disposed (its id just left the list). */
const EMPTY_RULE: Rule = { id: "", name: "", enabled: false, match: "all", conditions: [], actions: { kind: "exclude" } };

export function RuleTable(props: RuleTableProps) {
  const [announcement, setAnnouncement] = createSignal("");
  const nameOf = (i: number) => `rule "${props.rules[i]?.name || props.rules[i]?.id}"`;
  const reorder = createReorder({
    count: () => props.rules.length,
    onMove: (f, t) => props.onMove(f, t),
    announce: setAnnouncement,
    nameOf,
  });
  let tbody!: HTMLTableSectionElement;

  // Rows are keyed by rule id (ids are unique per property): an edit to a rule updates its
  // row in place, so focus stays put and nothing is rebuilt; a removed rule's row goes away.
  const ordered = createMemo(() => reorder.order().map((i) => props.rules[i]?.id).filter((id): id is string => id !== undefined));
  const byId = createMemo(() => new Map(props.rules.map((r, i) => [r.id, { rule: r, index: i }])));
  const findingsOf = (ruleId: string) => props.findings.filter((f) => f.ruleId === ruleId);

  function onHandleKey(e: KeyboardEvent, index: number) {
    const l = reorder.lifted();
    if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      const to = index + (e.key === "ArrowUp" ? -1 : 1);
      if (to >= 0 && to < props.rules.length) {
        const name = nameOf(index); // before the move: afterwards `index` holds the other rule
        props.onMove(index, to);
        setAnnouncement(`${name} moved to priority ${to + 1} of ${props.rules.length}.`);
        focusHandle(to);
      }
      return;
    }
    if (l && e.key === "Tab") {
      reorder.cancel(); // leaving the handle puts the lifted row back; Tab then moves on as usual
      return;
    }
    if (e.key === " " || e.key === "Enter") {
      e.preventDefault();
      if (!l) reorder.lift(index, "keyboard");
      else {
        const to = l.to;
        reorder.drop();
        focusHandle(to);
      }
    } else if (l && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      reorder.moveBy(e.key === "ArrowUp" ? -1 : 1);
      focusHandle(reorder.lifted()?.to ?? index);
    } else if (l && e.key === "Escape") {
      e.preventDefault();
      reorder.cancel();
      focusHandle(l.from);
    }
  }

  /** A toggled rule is a new object, so its row is redrawn: put focus back on its switch. */
  function toggle(ruleId: string, on: boolean) {
    props.onToggle(ruleId, on);
    queueMicrotask(() => {
      const row = [...tbody.querySelectorAll<HTMLElement>("tr[data-rule]")].find((r) => r.dataset.rule === ruleId);
      row?.querySelector<HTMLElement>("input")?.focus();
    });
  }

  /** Focus left the handles while a row was lifted from the keyboard: put it back. */
  function onFocusOut() {
    setTimeout(() => {
      const l = reorder.lifted();
      const onHandle = document.activeElement instanceof HTMLElement && document.activeElement.hasAttribute("data-handle");
      if (l?.via === "keyboard" && !onHandle) reorder.cancel();
    }, 0);
  }

  function focusHandle(position: number) {
    queueMicrotask(() => tbody.querySelectorAll<HTMLElement>("[data-handle]")[position]?.focus());
  }

  function rowAt(clientY: number): number {
    const rows = [...tbody.querySelectorAll<HTMLElement>("tr[data-rule]")];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i].getBoundingClientRect();
      if (clientY < r.top + r.height / 2) return i;
    }
    return rows.length - 1;
  }

  /**
   * Mouse drag: follow the pointer on the window, not with pointer capture, because the
   * preview re-orders rows (moving the handle's element) and that would drop the capture.
   */
  function onPointerDown(e: PointerEvent, index: number) {
    if (e.button !== 0) return;
    e.preventDefault();
    reorder.lift(index, "pointer");
    const move = (ev: PointerEvent) => reorder.moveTo(rowAt(ev.clientY));
    const end = (ev: PointerEvent) => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", end);
      window.removeEventListener("pointercancel", end);
      if (ev.type === "pointerup") reorder.drop();
      else reorder.cancel();
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", end);
    window.addEventListener("pointercancel", end);
  }

  return (
    <div class="rule-table-wrap">
      <p class="sr-only" id="reorder-help">
        To reorder, focus a drag handle and press Space, move with the arrow keys, press Space to drop or Escape to cancel. Alt plus an
        arrow key moves a rule at once.
      </p>
      <table class="rule-table" aria-label="Rules in priority order">
        <thead>
          <tr>
            <th scope="col">
              <span class="sr-only">Reorder</span>
            </th>
            <th scope="col">Priority</th>
            <th scope="col">Name</th>
            <th scope="col">Conditions</th>
            <th scope="col">Access groups</th>
            <th scope="col">Role</th>
            <th scope="col">Mobile access</th>
            <th scope="col">Users decided</th>
            <th scope="col">Enabled</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody ref={tbody}>
          <For each={ordered()}>
            {(id, position) => {
              const rule = () => byId().get(id)?.rule ?? EMPTY_RULE;
              const ruleIndex = () => byId().get(id)?.index ?? -1;
              const issues = () => findingsOf(rule().id);
              return (
                <tr
                  data-rule={rule().id}
                  classList={{
                    lifted: reorder.lifted()?.from === ruleIndex(),
                    disabled: !rule().enabled,
                    "has-error": issues().some((f) => f.severity === "error"),
                    "has-warning": issues().some((f) => f.severity !== "error"),
                  }}
                >
                  <td>
                    <button
                      type="button"
                      class="drag-handle"
                      data-handle
                      aria-label={`Reorder ${nameOf(ruleIndex())}, priority ${position() + 1}`}
                      aria-describedby="reorder-help"
                      aria-pressed={reorder.lifted()?.from === ruleIndex()}
                      onKeyDown={(e) => onHandleKey(e, ruleIndex())}
                      onFocusOut={onFocusOut}
                      onPointerDown={(e) => onPointerDown(e, ruleIndex())}
                    >
                      ⠿
                    </button>
                  </td>
                  <td class="num">{position() + 1}</td>
                  <td>
                    {rule().name || <span class="muted">(unnamed)</span>}
                    <Show when={issues().length > 0}>
                      <span class={`badge lint-${issues().some((f) => f.severity === "error") ? "error" : "warning"}`} aria-hidden="true">
                        {issues().length} ⚠
                      </span>
                      <ul class="row-findings" aria-label={`Findings for ${nameOf(ruleIndex())}`}>
                        <For each={issues()}>
                          {(f) => <li class={`finding ${f.severity}`}>{f.severity === "error" ? "Error" : "Warning"}: {f.message}</li>}
                        </For>
                      </ul>
                    </Show>
                  </td>
                  <td data-label="Conditions">{describeRuleConditions(rule(), props.groupNames)}</td>
                  <td data-label="Access groups">{describeTargets(rule(), props.catalog).groups}</td>
                  <td data-label="Role">{describeTargets(rule(), props.catalog).role}</td>
                  <td data-label="Mobile access">
                    <MobileBadges actions={rule().actions} />
                  </td>
                  <td data-label="Users decided" class="num" data-count>{props.counts?.[ruleIndex()]?.toLocaleString("en-US") ?? "…"}</td>
                  <td data-label="Enabled">
                    <Switch class="switch" checked={rule().enabled} onChange={(on) => toggle(rule().id, on)}>
                      <Switch.Input aria-label={`Enable ${nameOf(ruleIndex())}`} />
                      <Switch.Control class="switch-control">
                        <Switch.Thumb class="switch-thumb" />
                      </Switch.Control>
                    </Switch>
                  </td>
                  <td class="row-actions">
                    <Button class="btn small" onClick={() => props.onEdit(rule())} aria-label={`Edit ${nameOf(ruleIndex())}`}>Edit</Button>
                    <Button class="btn small" onClick={() => props.onDuplicate(rule().id)} aria-label={`Duplicate ${nameOf(ruleIndex())}`}>
                      Duplicate
                    </Button>
                    <Button class="btn small danger" onClick={() => props.onDelete(rule())} aria-label={`Delete ${nameOf(ruleIndex())}`}>
                      Delete
                    </Button>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
      <Show when={props.rules.length === 0}>
        <p class="empty">No rules yet for this property: nobody is synced here. Add a rule to start.</p>
      </Show>
      <div class="sr-only" aria-live="assertive" role="status" data-testid="reorder-live">{announcement()}</div>
    </div>
  );
}
