/**
 * Reordering state for the rule table, shared by mouse and keyboard: lift a row, move the
 * lifted row, drop it or cancel. The table renders `order()`, a preview of the result.
 */
import { createSignal } from "solid-js";

export interface Lifted {
  from: number;
  to: number;
  via: "pointer" | "keyboard";
}

export function createReorder(
  opts: {
    count: () => number;
    onMove: (from: number, to: number) => void;
    announce: (text: string) => void;
    nameOf: (i: number) => string;
  },
) {
  const [lifted, setLifted] = createSignal<Lifted | null>(null);
  const clamp = (i: number) => Math.max(0, Math.min(opts.count() - 1, i));
  return {
    lifted,
    /** The displayed order: row indexes with the lifted row shown at its target. */
    order(): number[] {
      const idx = Array.from({ length: opts.count() }, (_, i) => i);
      const l = lifted();
      if (!l) return idx;
      idx.splice(l.from, 1);
      idx.splice(l.to, 0, l.from);
      return idx;
    },
    lift(from: number, via: Lifted["via"]) {
      setLifted({ from, to: from, via });
      if (via === "keyboard") {
        opts.announce(
          `Lifted ${opts.nameOf(from)}, priority ${
            from + 1
          } of ${opts.count()}. Use the up and down arrow keys to move it, Space to drop, Escape to cancel.`,
        );
      }
    },
    moveTo(to: number) {
      const l = lifted();
      if (!l) return;
      const target = clamp(to);
      if (target === l.to) return;
      setLifted({ ...l, to: target });
      if (l.via === "keyboard") opts.announce(`${opts.nameOf(l.from)} moved to priority ${target + 1} of ${opts.count()}.`);
    },
    moveBy(delta: number) {
      const l = lifted();
      if (l) this.moveTo(l.to + delta);
    },
    drop() {
      const l = lifted();
      if (!l) return;
      setLifted(null);
      opts.announce(`${opts.nameOf(l.from)} dropped at priority ${l.to + 1} of ${opts.count()}.`);
      if (l.to !== l.from) opts.onMove(l.from, l.to);
    },
    cancel() {
      const l = lifted();
      if (!l) return;
      setLifted(null);
      opts.announce(`Reorder cancelled. ${opts.nameOf(l.from)} stays at priority ${l.from + 1}.`);
    },
  };
}
export type Reorder = ReturnType<typeof createReorder>;
