/** Worker entry: expose the simulation core over comlink, reading the browser cache directly. */
import * as Comlink from "comlink";
import { openCache } from "../storage/cache.ts";
import { createSimulation } from "./simulation.ts";

Comlink.expose(createSimulation({ readCachedSnapshot: async () => (await openCache()).readSnapshot() }));
