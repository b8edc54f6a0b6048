/** Worker entry: expose the simulation core over comlink; it reads and writes the cached snapshot itself. */
import * as Comlink from "comlink";
import { openCache } from "../storage/cache.ts";
import { createSimulation } from "./simulation.ts";

const cache = openCache();
Comlink.expose(createSimulation({
  readCachedSnapshot: async () => (await cache).readSnapshot(),
  writeCachedSnapshot: async (snapshot) => (await cache).writeSnapshot(snapshot),
}));
