/**
 * A tiny History API router: the path is a signal; links and code call `navigate`. The sync
 * console has sub-pages (a run, a person) under /sync/, read with `syncPageOf`.
 */
import { createSignal, onCleanup } from "solid-js";

export const PATHS = {
  setup: "/setup",
  signIn: "/sign-in",
  rules: "/rules",
  connections: "/connections",
  publish: "/publish",
  history: "/history",
  sync: "/sync",
} as const;
export type AppPath = (typeof PATHS)[keyof typeof PATHS];
/** Anything `navigate` accepts: a page, or a sub-page of the sync console. */
export type Href = AppPath | `${typeof PATHS.sync}/${string}`;

const known = new Set<string>(Object.values(PATHS));
const clean = (pathname: string) => pathname.replace(/\/+$/, "") || "/";

/** Unknown paths land on the rules page, the app's home. */
export function routeOf(pathname: string): AppPath {
  const path = clean(pathname);
  if (path.startsWith(`${PATHS.sync}/`)) return PATHS.sync;
  return (known.has(path) ? path : PATHS.rules) as AppPath;
}

export type SyncPage = { kind: "console" } | { kind: "run"; id: string } | { kind: "person"; oktaId: string };

export const syncHref = {
  run: (id: string): Href => `${PATHS.sync}/runs/${encodeURIComponent(id)}`,
  person: (oktaId: string): Href => `${PATHS.sync}/people/${encodeURIComponent(oktaId)}`,
};

export function syncPageOf(pathname: string): SyncPage {
  const m = /^\/sync\/(runs|people)\/([^/]+)$/.exec(clean(pathname));
  if (!m) return { kind: "console" };
  let id: string;
  try {
    id = decodeURIComponent(m[2]);
  } catch {
    return { kind: "console" };
  }
  return m[1] === "runs" ? { kind: "run", id } : { kind: "person", oktaId: id };
}

export function createRouter(win: Window = window) {
  const [path, setPath] = createSignal<AppPath>(routeOf(win.location.pathname));
  const [location, setLocation] = createSignal(clean(win.location.pathname));
  const onPop = () => (setPath(routeOf(win.location.pathname)), setLocation(clean(win.location.pathname)));
  win.addEventListener("popstate", onPop);
  onCleanup(() => win.removeEventListener("popstate", onPop));
  return {
    path,
    /** the whole path, sub-pages included */
    location,
    navigate(to: Href, opts: { replace?: boolean } = {}) {
      if (to === location() && win.location.pathname === to) return;
      // A replace (a redirect) keeps the fragment: it may carry a share link.
      if (opts.replace) win.history.replaceState(null, "", to + win.location.hash);
      else win.history.pushState(null, "", to);
      setPath(routeOf(to));
      setLocation(clean(to));
    },
  };
}
export type Router = ReturnType<typeof createRouter>;
