/**
 * Connection routes. Credentials are checked with a live call before they are saved, the
 * client's own message is passed through when that fails, and only a status ever goes back.
 */
import { Hono } from "hono";
import type { ConnectionsInfo } from "../../shared/api/schemas.ts";
import { API } from "../../shared/api/table.ts";
import { connectionStatus, readConnectionRecord, saveConnection } from "../store/connections.ts";
import { checkOktaDomain } from "../security/okta-host.ts";
import { guardedFetch } from "../outbound/index.ts";
import { type AppEnv, on, onBody } from "./http.ts";
import type { Services } from "./services.ts";

export async function connectionsInfo(s: Services): Promise<ConnectionsInfo> {
  const [okta, genea] = await Promise.all([readConnectionRecord(s.kv, "okta"), readConnectionRecord(s.kv, "genea")]);
  return { demo: s.demo(), okta: connectionStatus(okta), genea: connectionStatus(genea) };
}

/** A short human name from whatever verify() returned (customer name, org name…). */
function nameFrom(value: unknown): string | null {
  if (typeof value === "string" && value) return `customer ${value.slice(0, 100)}`;
  if (value && typeof value === "object") {
    for (const k of ["customerName", "name", "customerUuid"]) {
      const x = (value as Record<string, unknown>)[k];
      if (typeof x === "string" && x) return x.slice(0, 200);
    }
  }
  return null;
}

export function connectionRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  on(app, API.connections, async (c) => c.json(await connectionsInfo(s)));

  onBody(app, API.connectOkta, { what: "Okta connection" }, async (c, body, refuse) => {
    const domain = checkOktaDomain(body.domain, {
      allowedHosts: s.config.oktaAllowedHosts,
      allowLocal: s.config.allowLocalUpstreams,
    });
    if (!domain.ok) return refuse(domain.error);
    const { baseUrl, host } = domain.value;
    const client = s.clients.okta({ baseUrl, auth: body.auth, fetch: guardedFetch(s.fetch, baseUrl, "Okta") });
    const checked = await client.verify();
    if (!checked.ok) {
      s.log.warn("connection-check-failed", { upstream: "okta", host, code: checked.error.code });
      return refuse("connection-failed", checked.error.message);
    }
    await saveConnection(s.kv, s.box, "okta", {
      demo: false,
      baseUrl,
      target: host,
      secret: body.auth,
      checkedAt: s.now().toISOString(),
    });
    s.log.info("connection-saved", { upstream: "okta", host });
    // A new org means the cached snapshot is someone else's directory: read it afresh.
    await s.refresher.start();
    return c.json(await connectionsInfo(s));
  });

  onBody(app, API.connectGenea, { what: "Genea connection" }, async (c, body, refuse) => {
    const baseUrl = s.config.geneaBaseUrl;
    const client = s.clients.genea({ baseUrl, apiKey: body.apiKey, fetch: guardedFetch(s.fetch, baseUrl, "Genea") });
    const checked = await client.verify();
    if (!checked.ok) {
      s.log.warn("connection-check-failed", { upstream: "genea", code: checked.error.code });
      return refuse("connection-failed", checked.error.message);
    }
    const target = nameFrom(checked.value) ?? new URL(baseUrl).host;
    await saveConnection(s.kv, s.box, "genea", {
      demo: false,
      baseUrl,
      target,
      secret: { apiKey: body.apiKey },
      checkedAt: s.now().toISOString(),
    });
    s.genea.clear();
    s.log.info("connection-saved", { upstream: "genea", target });
    return c.json(await connectionsInfo(s));
  });

  return app;
}
