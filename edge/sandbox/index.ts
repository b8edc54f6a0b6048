/**
 * startSandboxes: the demo organisation served by the Okta and Genea sandboxes on
 * 127.0.0.1, for `npm run sandbox` and the edge's demo mode. Returns the URLs, the
 * credentials that open them and close().
 */
import { type DemoOrgOptions, generateDemoOrg } from "./demo/generate.ts";
import { DEMO_SERVICE_APP_PRIVATE_JWK } from "./demo/keys.ts";
import type { DemoOrg } from "./demo/types.ts";
import { createGeneaSandbox, type GeneaSandbox } from "./genea/index.ts";
import { createOktaSandbox } from "./okta/index.ts";

export { expectedCounts, generateDemoOrg } from "./demo/generate.ts";
export { syncedGeneaSeed } from "./demo/synced.ts";
export { createGeneaSandbox } from "./genea/index.ts";

export interface ServedApp {
  url: string;
  close(): Promise<void>;
}
/** Serves a fetch handler on 127.0.0.1:`port` (0 = any free port). */
export type Serve = (fetch: (req: Request) => Response | Promise<Response>, port: number) => Promise<ServedApp>;

interface DenoServer {
  addr: { port: number };
  shutdown(): Promise<void>;
}
interface DenoLike {
  serve(
    options: { hostname: string; port: number; onListen?: () => void },
    handler: (req: Request) => Response | Promise<Response>,
  ): DenoServer;
}

/** Deno.serve, looked up at call time so this module also loads in Node (tests pass their own). */
export const denoServe: Serve = (fetch, port) => {
  const deno = (globalThis as { Deno?: DenoLike }).Deno;
  if (!deno) throw new Error("startSandboxes: no Deno global; pass a serve function");
  const server = deno.serve({ hostname: "127.0.0.1", port, onListen: () => {} }, fetch);
  return Promise.resolve({ url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() });
};

export interface SandboxesOptions extends DemoOrgOptions {
  oktaPort?: number;
  geneaPort?: number;
  serve?: Serve;
}

export interface RunningSandboxes {
  org: DemoOrg;
  okta: {
    url: string;
    orgName: string;
    apiToken: string;
    serviceApp: { clientId: string; kid: string; privateJwk: JsonWebKey; scopes: string[] };
  };
  genea: { url: string; apiKey: string; customerUuid: string; customerName: string; sandbox: GeneaSandbox };
  close(): Promise<void>;
}

export async function startSandboxes(options: SandboxesOptions = {}): Promise<RunningSandboxes> {
  const serve = options.serve ?? denoServe;
  const org = generateDemoOrg({ users: options.users, seed: options.seed });
  const okta = createOktaSandbox(org.okta);
  const genea = createGeneaSandbox(org.genea);
  const oktaServer = await serve(okta.app.fetch, options.oktaPort ?? 0);
  let geneaServer: ServedApp;
  try {
    geneaServer = await serve(genea.app.fetch, options.geneaPort ?? 0);
  } catch (error) {
    await oktaServer.close();
    throw error;
  }
  const service = org.okta.serviceApps[0];
  return {
    org,
    okta: {
      url: oktaServer.url,
      orgName: org.okta.orgName,
      apiToken: org.okta.apiTokens[0],
      serviceApp: { clientId: service.clientId, kid: service.kid, privateJwk: DEMO_SERVICE_APP_PRIVATE_JWK, scopes: service.scopes },
    },
    genea: {
      url: geneaServer.url,
      apiKey: org.genea.apiKeys[0],
      customerUuid: org.genea.customer.uuid,
      customerName: org.genea.customer.name,
      sandbox: genea,
    },
    close: async () => {
      await Promise.all([oktaServer.close(), geneaServer.close()]);
    },
  };
}
