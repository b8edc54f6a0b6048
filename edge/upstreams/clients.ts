/**
 * What the edge needs from the Okta and Genea clients, and how it builds them from the
 * stored connections. The factories are passed in (main.ts wires the real clients), so the
 * routes never see credentials.
 */
import type { Result } from "../../shared/result.ts";
import type { GeneaClient } from "../genea/index.ts";
import type { OktaClient } from "../okta/index.ts";
import type { OktaSecret } from "../store/connections.ts";
import { fail, ok } from "../../shared/result.ts";
import { readConnection } from "../store/connections.ts";
import type { SecretBox } from "../store/secrets.ts";
import { guardedFetch } from "../outbound/index.ts";

export interface Progress {
  requests?: number;
  users?: number;
  groups?: number;
}

export interface ClientFactories {
  okta(opts: { baseUrl: string; auth: OktaSecret; fetch: typeof fetch; onProgress?: (p: Progress) => void }): OktaClient;
  genea(opts: { baseUrl: string; apiKey: string; fetch: typeof fetch }): GeneaClient;
}

export interface Upstreams {
  okta(onProgress?: (p: Progress) => void): Promise<Result<OktaClient, "not-connected">>;
  genea(): Promise<Result<GeneaClient, "not-connected">>;
}

export function createUpstreams(
  { kv, box, clients, fetch }: { kv: Deno.Kv; box: SecretBox; clients: ClientFactories; fetch: typeof globalThis.fetch },
): Upstreams {
  return {
    async okta(onProgress) {
      const conn = await readConnection(kv, box, "okta");
      if (!conn) return fail("not-connected", "Okta is not connected yet: add the connection under Settings → Connections.");
      const f = guardedFetch(fetch, conn.record.baseUrl, "Okta");
      return ok(clients.okta({ baseUrl: conn.record.baseUrl, auth: conn.secret, fetch: f, onProgress }));
    },
    async genea() {
      const conn = await readConnection(kv, box, "genea");
      if (!conn) return fail("not-connected", "Genea is not connected yet: add the API key under Settings → Connections.");
      const f = guardedFetch(fetch, conn.record.baseUrl, "Genea");
      return ok(clients.genea({ baseUrl: conn.record.baseUrl, apiKey: conn.secret.apiKey, fetch: f }));
    },
  };
}
