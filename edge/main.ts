/**
 * Deno entry: reads the environment, opens KV, wires createApp, registers the scheduled
 * job and serves on 127.0.0.1. Deno Deploy entry point too (it ignores hostname/port).
 */
import { readConfig } from "./config.ts";
import { type App, createApp } from "./app.ts";
import { startDemoIfUnconfigured } from "./demo.ts";
import { createSecretBox } from "./store/secrets.ts";
import { loadOrCreateSecretKey } from "./store/secret-key-file.ts";
import { openPrivateKv } from "./store/private-files.ts";
import { createAssetReader } from "./store/assets.ts";
import { createOktaClient } from "./okta/index.ts";
import { createGeneaClient } from "./genea/index.ts";
import type { ClientFactories } from "./upstreams/index.ts";
import { createLog } from "./log.ts";
import { randomToken } from "./security/tokens.ts";

const log = createLog({
  write: (line, level) => (level === "error" ? console.error(line) : console.log(line)),
  now: () => new Date(),
});

let ready: Promise<App> | null = null;

// A promise nobody awaited that failed is a bug; it must not take the service (and a sync in
// flight) down with it. Its name and first frame locate it; its message may quote data.
globalThis.addEventListener("unhandledrejection", (e) => {
  e.preventDefault();
  const r = e.reason;
  log.error("unhandled-rejection", {
    error: r instanceof Error ? r.name : typeof r,
    where: r instanceof Error ? (r.stack ?? "").split("\n")[1]?.trim() : undefined,
  });
});

// Registered at the top level, before any await, as Deno Deploy requires. Every minute: resume
// a run an evicted instance left, or start the scheduled one when its interval has passed
// (the interval is a setting, so the schedule itself stays fixed).
Deno.cron("doorsync sync", "* * * * *", async () => {
  if (!ready) return;
  await (await ready).services.sync.cronTick(50_000);
});
// The editor's directory snapshot, kept fresh even while nothing is published to sync.
Deno.cron("doorsync directory refresh", "*/30 * * * *", async () => {
  if (!ready) return;
  await (await ready).services.refresher.refreshIfOlderThan(25 * 60_000);
});

const clients: ClientFactories = {
  okta: ({ baseUrl, auth, fetch, onProgress }) => createOktaClient({ baseUrl, auth, fetch, onProgress }),
  genea: ({ baseUrl, apiKey, fetch }) => createGeneaClient({ baseUrl, apiKey, fetch }),
};

/** Deno Deploy: managed KV (no path), read-only files, one server per isolate. */
const onDeploy = Boolean(Deno.env.get("DENO_DEPLOYMENT_ID"));

async function boot(): Promise<{ app: App; port: number; close: () => Promise<void>; connectHook: (url: string) => Promise<void> }> {
  const config = readConfig(Deno.env.toObject());
  if (!config.ok) {
    log.error("config-invalid", { problem: config.error.message });
    Deno.exit(1);
  }
  const c = config.value;
  let kv: Deno.Kv;
  if (onDeploy) {
    kv = await Deno.openKv();
  } else {
    kv = await openPrivateKv(c.kvPath);
  }
  let secretKey = c.secretKey;
  if (!secretKey) {
    if (onDeploy) {
      log.error("config-invalid", { problem: "set DOORSYNC_SECRET_KEY (32 random bytes, base64) on Deno Deploy" });
      Deno.exit(1);
    }
    const loaded = await loadOrCreateSecretKey(c.secretKeyPath);
    if (loaded.created) {
      log.warn("secret-key-created", { path: c.secretKeyPath, advice: "keep it with the data; set DOORSYNC_SECRET_KEY in production" });
    }
    secretKey = loaded.key;
  }
  const box = await createSecretBox(secretKey);
  const now = () => new Date();
  const demo = await startDemoIfUnconfigured({ kv, box, now, enabled: c.demo && !onDeploy, log, users: c.demoUsers });
  // The demo org's event hook needs a secret: the configured one, or one made up for this run.
  const settings = demo && !c.oktaHookSecret ? { ...c, oktaHookSecret: randomToken() } : c;
  const app = createApp({
    kv,
    now,
    box,
    clients,
    log,
    config: settings,
    fetch: globalThis.fetch,
    readAsset: createAssetReader(c.distDir),
    demo: () => demo !== null,
  });
  if (demo) {
    // The demo directory is ready by the time a newcomer has created the admin account.
    await app.services.refresher.start();
  }
  const close = async () => {
    await demo?.close();
    kv.close();
  };
  const connectHook = (
    url: string,
  ) => (demo && settings.oktaHookSecret ? demo.connectHook(url, settings.oktaHookSecret) : Promise.resolve());
  return { app, port: c.port, close, connectHook };
}

const booted = boot();
ready = booted.then((b) => b.app);
const { app, port, close, connectHook } = await booted;

const server = Deno.serve({
  hostname: "127.0.0.1",
  port,
  onListen: ({ hostname, port }) => {
    log.info("listening", { url: `http://${hostname}:${port}` });
    void connectHook(`http://${hostname}:${port}`).catch(() => log.warn("demo-hook-failed", {}));
  },
}, app.fetch);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  try {
    Deno.addSignalListener(signal, async () => {
      log.info("shutting-down", { signal });
      // Finish in-flight requests, but never let a stuck connection keep the process alive.
      const graceful = (async () => {
        await server.shutdown();
        await close();
      })();
      await Promise.race([graceful, new Promise((r) => setTimeout(r, 3000))]);
      Deno.exit(0);
    });
  } catch {
    // Not every platform has these signals (Windows: SIGTERM; Deno Deploy: none).
  }
}
