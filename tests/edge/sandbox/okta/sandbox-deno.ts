/**
 * Run under Deno by sandbox.test.ts: serves the Okta sandbox with Deno.serve on a real socket,
 * mints a token, lists users and triggers a dropped connection; prints one JSON line.
 */
import { createOktaSandbox } from "../../../../edge/sandbox/okta/index.ts";
import { oktaSeed, oktaUsers, serviceApp } from "../../../support/okta-seed.ts";

/** Just the part of Deno's API used here (typed locally so Node's tsc can check this file too). */
declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen(): void },
    handler: (req: Request) => Response | Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> };
};

const client = await serviceApp({ alg: "ES256" });
const sandbox = createOktaSandbox(oktaSeed({ users: oktaUsers(3), serviceApps: [client.app] }));
const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, sandbox.app.fetch);
const base = `http://127.0.0.1:${server.addr.port}`;

const tokenRes = await fetch(`${base}/oauth2/v1/token`, {
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({
    grant_type: "client_credentials",
    scope: "okta.users.read",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: await client.assertion(`${base}/oauth2/v1/token`),
  }),
});
const { access_token } = await tokenRes.json();
const users = await fetch(`${base}/api/v1/users?limit=2`, { headers: { Authorization: `Bearer ${access_token}` } });
const page = (await users.json()) as unknown[];
sandbox.faults.set({ dropRate: 1 });
let dropped = false;
try {
  await (await fetch(`${base}/api/v1/users`, { headers: { Authorization: `Bearer ${access_token}` } })).text();
} catch {
  dropped = true;
}
console.log(
  JSON.stringify({
    token: tokenRes.status,
    users: users.status,
    pageSize: page.length,
    next: users.headers.get("link")?.includes('rel="next"'),
    dropped,
  }),
);
await server.shutdown();
