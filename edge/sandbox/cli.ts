/**
 * `npm run sandbox -- --users N --seed S [--okta-port 8101] [--genea-port 8102]`
 * Serves the demo organisation from the Okta and Genea sandboxes on 127.0.0.1 (Deno) and
 * prints the URLs and the credentials to use. Stop with Ctrl+C.
 */
import { parseArgs } from "./cli-args.ts";
import { startSandboxes } from "./index.ts";

async function main() {
  const args = parseArgs(Deno.args);
  if (!args.ok) {
    console.error(`${args.message}\nusage: npm run sandbox -- --users N --seed S [--okta-port 8101] [--genea-port 8102]`);
    Deno.exit(2);
  }
  const o = args.value;
  const s = await startSandboxes({ users: o.users, seed: o.seed, oktaPort: o["okta-port"], geneaPort: o["genea-port"] });
  const lines = [
    `doorsync sandboxes: demo organisation seed ${o.seed}, ${o.users} users (sandbox credentials, not secrets)`,
    `Okta sandbox:  ${s.okta.url}`,
    `  API token (Authorization: SSWS …): ${s.okta.apiToken}`,
    `  OAuth service app client id: ${s.okta.serviceApp.clientId} (key id ${s.okta.serviceApp.kid}, scopes ${
      s.okta.serviceApp.scopes.join(" ")
    })`,
    `  OAuth private key (JWK): ${JSON.stringify(s.okta.serviceApp.privateJwk)}`,
    `Genea sandbox: ${s.genea.url}`,
    `  API key (Authorization: Bearer …): ${s.genea.apiKey}`,
    `  customer: ${s.genea.customerName} (${s.genea.customerUuid})`,
    "Ready. Press Ctrl+C to stop.",
  ];
  console.log(lines.join("\n"));
  const stop = async () => {
    await s.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}

if (import.meta.main) await main();
