/**
 * The shell: session gate (setup / sign-in), navigation, routing, theme, the directory
 * status line and the offline banner. Views get the stores; nothing here fetches.
 */
import { Button } from "@kobalte/core/button";
import { createEffect, createSignal, type JSX, Match, on, onMount, Show, Switch } from "solid-js";
import type { Api } from "./state/api.ts";
import { createConnections } from "./state/connections.ts";
import { type AppPath, createRouter, PATHS, syncPageOf } from "./state/router.ts";
import { createSession } from "./state/session.ts";
import { createSyncConsole } from "./state/sync-console.ts";
import type { Theme } from "./state/theme.ts";
import type { Workspace } from "./state/app-state.ts";
import { AuthView } from "./views/auth-view.tsx";
import { ConnectionsView } from "./views/connections-view.tsx";
import { HistoryView } from "./views/history-view.tsx";
import { PublishView } from "./views/publish-view.tsx";
import { RulesView } from "./views/rules-view.tsx";
import { SyncPages } from "./views/sync-pages.tsx";
import { DirectoryStatus, OfflineBanner } from "./components/directory-status.tsx";
import { DraftBar } from "./components/draft-bar.tsx";
import { SharedReview } from "./components/shared-review.tsx";

const SAVE_WORDS = {
  saved: "All changes saved",
  saving: "Saving…",
  pending: "Unsaved changes (kept in this browser)",
  offline: "Saved in this browser only: the server is unreachable",
  failed: "Not saved to the server",
  conflict: "Not saved: someone else saved the draft",
} as const;

export function App(props: { api: Api; workspace: Workspace; theme: Theme }) {
  const router = createRouter();
  const session = createSession(props.api);
  const connections = createConnections(props.api);
  const sync = createSyncConsole({ api: props.api });
  const ws = props.workspace;
  const [started, setStarted] = createSignal(false);
  const state = () => (session.offline() ? "offline" : session.info()?.state);

  onMount(() => void session.load());

  // Route guard: auth screens only when needed, the workspace once signed in (or offline).
  createEffect(
    on(state, (s) => {
      if (s === "setup-required") router.navigate(PATHS.setup, { replace: true });
      else if (s === "signed-out") router.navigate(PATHS.signIn, { replace: true });
      else if (s === "signed-in" || s === "offline") {
        if (router.path() === PATHS.setup || router.path() === PATHS.signIn) router.navigate(PATHS.rules, { replace: true });
        if (!started()) {
          setStarted(true);
          void ws.start();
        }
      }
    }),
  );

  const Link = (p: { to: AppPath; children: JSX.Element }) => (
    <a
      href={p.to}
      class="nav-link"
      aria-current={router.path() === p.to ? "page" : undefined}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        router.navigate(p.to);
      }}
    >
      {p.children}
    </a>
  );

  return (
    <Switch fallback={<p class="loading" role="status">Loading doorsync…</p>}>
      <Match when={state() === "setup-required" || state() === "signed-out"}>
        <AuthView session={session} mode={state() === "setup-required" ? "setup" : "sign-in"} onDone={() => router.navigate(PATHS.rules)} />
      </Match>
      <Match when={state() === "signed-in" || state() === "offline"}>
        <div class="shell">
          <header class="topbar">
            <span class="brand">doorsync</span>
            <nav aria-label="Main">
              <Link to={PATHS.rules}>Rules</Link>
              <Link to={PATHS.publish}>Publish</Link>
              <Link to={PATHS.history}>History</Link>
              <Link to={PATHS.sync}>Sync</Link>
              <Link to={PATHS.connections}>Connections</Link>
            </nav>
            <span class="save-state" role="status" data-testid="save-state">{SAVE_WORDS[ws.draft.saveState()]}</span>
            <Button
              class="btn small"
              onClick={() => props.theme.toggle()}
              aria-label={`Switch to ${props.theme.effective() === "dark" ? "light" : "dark"} theme`}
            >
              {props.theme.effective() === "dark" ? "☀ Light" : "☾ Dark"}
            </Button>
            <Show when={session.info()?.username}>
              <Button class="btn small" onClick={() => void session.signOut()}>Sign out {session.info()?.username}</Button>
            </Show>
          </header>
          <DraftBar ws={ws} />
          <OfflineBanner directory={ws.directory} offline={ws.directory.offline() || ws.draft.saveState() === "offline"} />
          <DirectoryStatus directory={ws.directory} onRefresh={() => void ws.refreshDirectory()} />
          <Show when={ws.draft.error() ?? ws.catalog.error()}>
            <p class="error banner" role="alert">{ws.draft.error() ?? ws.catalog.error()}</p>
          </Show>
          <main class="content">
            <SharedReview ws={ws} />
            <Switch>
              <Match when={router.path() === PATHS.connections}>
                <ConnectionsView connections={connections} />
              </Match>
              <Match when={router.path() === PATHS.publish}>
                <PublishView ws={ws} />
              </Match>
              <Match when={router.path() === PATHS.history}>
                <HistoryView ws={ws} />
              </Match>
              <Match when={router.path() === PATHS.sync}>
                <SyncPages page={syncPageOf(router.location())} sync={sync} ws={ws} navigate={(to) => router.navigate(to)} />
              </Match>
              <Match when>
                <RulesView ws={ws} />
              </Match>
            </Switch>
          </main>
        </div>
      </Match>
    </Switch>
  );
}
