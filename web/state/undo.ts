/**
 * The one step that can be undone: deleting a rule, importing shared rules, discarding or
 * reloading the draft. An offer carries its label and how to revert; a whole-draft offer
 * (import, discard, reload) lapses at the next edit, since reverting it would also throw
 * that edit away, while re-inserting a deleted rule stays valid.
 */
import { createSignal } from "solid-js";
import type { RuleSet } from "../../shared/rules/model.ts";

export interface UndoOffer {
  /** what happened, e.g. 'Deleted rule "Sales staff" at New York' */
  label: string;
  revert: (current: RuleSet) => RuleSet;
  /** true when reverting replaces the whole draft */
  wholeDraft: boolean;
}

export function createUndo(apply: (next: RuleSet) => void, current: () => RuleSet) {
  const [offer, setOffer] = createSignal<UndoOffer | null>(null);
  return {
    offer,
    /** Offer to undo what just happened (replacing any earlier offer). */
    push: (o: UndoOffer) => setOffer(o),
    /** An edit happened: whole-draft offers lapse. */
    edited() {
      if (offer()?.wholeDraft) setOffer(null);
    },
    dismiss: () => setOffer(null),
    undo() {
      const o = offer();
      if (!o) return;
      setOffer(null);
      apply(o.revert(current()));
    },
  };
}
export type UndoStore = ReturnType<typeof createUndo>;
