/** Browser entry: build the world (api over fetch, IndexedDB cache, worker) and mount the app. */
import { render } from "solid-js/web";
import * as v from "valibot";
import { App } from "./app.tsx";
import { createApi } from "./state/api.ts";
import { createWorkspace } from "./state/app-state.ts";
import { createTheme } from "./state/theme.ts";
import { openCache } from "./storage/cache.ts";
import { startSimulationWorker } from "./worker/client.ts";
import "./styles/app.css";

performance.mark("doorsync:boot");
// The worker starts first and reads the cached directory itself while the page boots.
const { client } = startSimulationWorker();
void client.loadCachedSnapshot();
const api = createApi({ fetch: (...a) => fetch(...a) });
const cache = await openCache();
const themeChoice = await cache.readSetting("theme", v.picklist(["system", "light", "dark"]));
const root = document.getElementById("app")!;
render(() => {
  const theme = createTheme({ initial: themeChoice ?? "system", save: (c) => void cache.writeSetting("theme", c) });
  const workspace = createWorkspace({ api, cache, sim: client });
  return <App api={api} workspace={workspace} theme={theme} />;
}, root);
