/**
 * Prints every API route of the real app as JSON (`deno run -A edge/routes/print-inventory.ts`):
 * an operator's map of the surface, and what the route-inventory test probes over HTTP.
 * Builds the app on an in-memory KV; no upstream is ever called.
 */
import { createApp } from "../app.ts";
import { readConfig } from "../config.ts";
import { createSecretBox, generateSecretKey } from "../store/secrets.ts";
import { silentLog } from "../log.ts";

const config = readConfig({ DOORSYNC_DEMO: "0" });
if (!config.ok) throw new Error(config.error.message);
const kv = await Deno.openKv(":memory:");
const unused = () => {
  throw new Error("the inventory never calls upstreams");
};
const { app } = createApp({
  kv,
  fetch,
  now: () => new Date(),
  config: config.value,
  box: await createSecretBox(generateSecretKey()),
  clients: { okta: unused, genea: unused },
  log: silentLog,
});
const routes = app.routes.filter((r) => r.method !== "ALL").map((r) => ({ method: r.method, path: r.path }));
console.log(JSON.stringify(routes));
kv.close();
