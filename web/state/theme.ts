/** Light / dark theme: follows prefers-color-scheme until the admin picks one. */
import { createRenderEffect, createSignal } from "solid-js";

export type ThemeChoice = "system" | "light" | "dark";

export function createTheme(opts: { initial?: ThemeChoice; win?: Window; save?: (c: ThemeChoice) => void } = {}) {
  const win = opts.win ?? window;
  const media = win.matchMedia?.("(prefers-color-scheme: dark)");
  const [systemDark, setSystemDark] = createSignal(media?.matches ?? false);
  media?.addEventListener?.("change", (e) => setSystemDark(e.matches));
  const [choice, setChoice] = createSignal<ThemeChoice>(opts.initial ?? "system");
  const effective = () => (choice() === "system" ? (systemDark() ? "dark" : "light") : choice());
  // A render effect: the theme applies before first paint, no flash of the wrong one.
  createRenderEffect(() => {
    win.document.documentElement.dataset.theme = effective();
  });
  return {
    choice,
    effective,
    set(c: ThemeChoice) {
      setChoice(c);
      opts.save?.(c);
    },
    toggle() {
      this.set(effective() === "dark" ? "light" : "dark");
    },
  };
}
export type Theme = ReturnType<typeof createTheme>;
