/**
 * Demo mode: with no real connection configured, the Okta and Genea sandboxes run in this
 * process on free 127.0.0.1 ports, seeded with the demo organisation, and are connected
 * like real ones (sealed credentials in KV, marked demo). A newcomer sees the product with
 * one command; saving a real connection takes over.
 */
import { SYNC_EVENT_TYPES } from "../shared/directory/events.ts";
import { deleteConnection, readConnectionRecord, saveConnection } from "./store/connections.ts";
import type { SecretBox } from "./store/secrets.ts";
import type { Log } from "./log.ts";

export const DEMO_SEED = 1;
/** What the demo org's event hook sends: every event type that can change door access. */
const DEMO_HOOK_EVENTS = [...SYNC_EVENT_TYPES];

export interface DemoRun {
  oktaUrl: string;
  geneaUrl: string;
  /**
   * Points an event hook of the demo Okta org at this edge (`edgeUrl`), so deactivating someone
   * in the Okta sandbox reaches Genea within a second, as a real org's hook would.
   */
  connectHook(edgeUrl: string, secret: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the demo when enabled and neither connection is a real one. Demo records left by a
 * previous run (their ports are gone) are replaced, or removed when the demo does not start.
 */
export async function startDemoIfUnconfigured(
  { kv, box, now, enabled, log, users }: { kv: Deno.Kv; box: SecretBox; now: () => Date; enabled: boolean; log: Log; users: number },
): Promise<DemoRun | null> {
  const records = { okta: await readConnectionRecord(kv, "okta"), genea: await readConnectionRecord(kv, "genea") };
  const real = Object.values(records).some((r) => r && !r.demo);
  if (!enabled || real) {
    for (const kind of ["okta", "genea"] as const) if (records[kind]?.demo) await deleteConnection(kv, kind);
    return null;
  }
  // Loaded only for the demo: production (Deno Deploy included) never loads the sandboxes.
  const { startSandboxes } = await import("./sandbox/index.ts");
  const t0 = Date.now();
  log.info("demo-generating", { users });
  const sandboxes = await startSandboxes({ users, seed: DEMO_SEED, oktaPort: 0, geneaPort: 0 });
  const checkedAt = now().toISOString();
  await saveConnection(kv, box, "okta", {
    demo: true,
    baseUrl: sandboxes.okta.url,
    target: `${sandboxes.okta.orgName} (demo sandbox)`,
    secret: { kind: "ssws", token: sandboxes.okta.apiToken },
    checkedAt,
  });
  await saveConnection(kv, box, "genea", {
    demo: true,
    baseUrl: sandboxes.genea.url,
    target: `${sandboxes.genea.customerName} (demo sandbox)`,
    secret: { apiKey: sandboxes.genea.apiKey },
    checkedAt,
  });
  log.info("demo-started", { okta: sandboxes.okta.url, genea: sandboxes.genea.url, users, ms: Date.now() - t0 });
  const okta = (method: string, path: string, body?: unknown) =>
    fetch(`${sandboxes.okta.url}${path}`, {
      method,
      headers: { authorization: `SSWS ${sandboxes.okta.apiToken}`, accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    oktaUrl: sandboxes.okta.url,
    geneaUrl: sandboxes.genea.url,
    async connectHook(edgeUrl, secret) {
      const created = await okta("POST", "/api/v1/eventHooks", {
        name: "doorsync (demo)",
        events: { type: "EVENT_TYPE", items: DEMO_HOOK_EVENTS },
        channel: {
          type: "HTTP",
          version: "1.0.0",
          config: { uri: `${edgeUrl}/api/hooks/okta`, headers: [], authScheme: { type: "HEADER", key: "Authorization", value: secret } },
        },
      });
      const hook: unknown = await created.json();
      const id = created.ok && hook && typeof hook === "object" && "id" in hook && typeof hook.id === "string" ? hook.id : null;
      const verified = id ? (await okta("POST", `/api/v1/eventHooks/${id}/lifecycle/verify`)).ok : false;
      if (verified) log.info("demo-hook-connected", { hook: id });
      else log.warn("demo-hook-failed", { status: created.status });
    },
    close: () => sandboxes.close(),
  };
}
