/** What the route modules are given by createApp: the world, already wired. */
import type { Config } from "../config.ts";
import type { Sessions } from "../auth/sessions.ts";
import type { SignInLimiter } from "../auth/rate-limit.ts";
import type { SecretBox } from "../store/secrets.ts";
import type { ClientFactories, GeneaCache, Upstreams } from "../upstreams/index.ts";
import type { SnapshotCache } from "../directory/snapshot.ts";
import type { Refresher } from "../directory/refresh.ts";
import type { Log } from "../log.ts";
import type { SyncService } from "../sync/index.ts";

export interface Services {
  kv: Deno.Kv;
  now: () => Date;
  config: Config;
  fetch: typeof fetch;
  box: SecretBox;
  sessions: Sessions;
  limiter: SignInLimiter;
  clients: ClientFactories;
  upstreams: Upstreams;
  snapshots: SnapshotCache;
  refresher: Refresher;
  sync: SyncService;
  genea: GeneaCache;
  /** true while the edge runs beside its demo sandboxes */
  demo: () => boolean;
  readAsset: (path: string) => Promise<Uint8Array | null>;
  log: Log;
}
