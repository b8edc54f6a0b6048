/**
 * Demo mode: with no real connection configured, the Okta and Genea sandboxes run in this
 * process on free 127.0.0.1 ports, seeded with the demo organisation, and are connected
 * like real ones (sealed credentials in KV, marked demo). A newcomer sees the product with
 * one command; saving a real connection takes over.
 */
import { deleteConnection, readConnectionRecord, saveConnection } from "./store/connections.ts";
import type { SecretBox } from "./store/secrets.ts";
import type { Log } from "./log.ts";

export const DEMO_SEED = 1;

export interface DemoRun {
  oktaUrl: string;
  geneaUrl: string;
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
  return { oktaUrl: sandboxes.okta.url, geneaUrl: sandboxes.genea.url, close: () => sandboxes.close() };
}
