/** A tiny History API router: the path is a signal; links and code call `navigate`. */
import { createSignal, onCleanup } from "solid-js";

export const PATHS = {
  setup: "/setup",
  signIn: "/sign-in",
  rules: "/rules",
  connections: "/connections",
  publish: "/publish",
  history: "/history",
} as const;
export type AppPath = (typeof PATHS)[keyof typeof PATHS];

const known = new Set<string>(Object.values(PATHS));

/** Unknown paths land on the rules page, the app's home. */
export function routeOf(pathname: string): AppPath {
  const clean = pathname.replace(/\/+$/, "") || "/";
  return (known.has(clean) ? clean : PATHS.rules) as AppPath;
}

export function createRouter(win: Window = window) {
  const [path, setPath] = createSignal<AppPath>(routeOf(win.location.pathname));
  const onPop = () => setPath(routeOf(win.location.pathname));
  win.addEventListener("popstate", onPop);
  onCleanup(() => win.removeEventListener("popstate", onPop));
  return {
    path,
    navigate(to: AppPath, opts: { replace?: boolean } = {}) {
      if (to === path() && win.location.pathname === to) return;
      // A replace (a redirect) keeps the fragment: it may carry a share link.
      if (opts.replace) win.history.replaceState(null, "", to + win.location.hash);
      else win.history.pushState(null, "", to);
      setPath(to);
    },
  };
}
export type Router = ReturnType<typeof createRouter>;
