/** The sync console's pages: the console itself, one run (/sync/runs/:id), one person (/sync/people/:oktaId). */
import { Match, Switch } from "solid-js";
import type { Workspace } from "../state/app-state.ts";
import type { Href, SyncPage } from "../state/router.ts";
import type { SyncConsole } from "../state/sync-console.ts";
import { SyncPersonPage } from "./sync-person-view.tsx";
import { SyncRunPage } from "./sync-run-view.tsx";
import { SyncView } from "./sync-view.tsx";

export function SyncPages(props: { page: SyncPage; sync: SyncConsole; ws: Workspace; navigate: (to: Href) => void }) {
  // Keyed by the id: another run or person is a new page with its own store.
  const runId = () => (props.page.kind === "run" ? props.page.id : null);
  const oktaId = () => (props.page.kind === "person" ? props.page.oktaId : null);
  return (
    <Switch fallback={<SyncView sync={props.sync} ws={props.ws} navigate={props.navigate} />}>
      <Match when={runId()} keyed>{(id) => <SyncRunPage runId={id} ws={props.ws} navigate={props.navigate} />}</Match>
      <Match when={oktaId()} keyed>{(id) => <SyncPersonPage oktaId={id} ws={props.ws} navigate={props.navigate} />}</Match>
    </Switch>
  );
}
