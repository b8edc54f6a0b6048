/**
 * Connection routes. Credentials are checked with a live call before they are saved, the
 * client's own message is passed through when that fails, and only a status ever goes back.
 */
import { Hono } from "hono";
import { ROUTES } from "../../shared/api/routes.ts";
import { type ConnectionsInfo, GeneaConnectionInputSchema, OktaConnectionInputSchema } from "../../shared/api/schemas.ts";
import { connectionStatus, readConnectionRecord, saveConnection } from "../store/connections.ts";
import { checkOktaDomain } from "../security/okta-host.ts";
import { guardedFetch } from "../outbound/index.ts";
import { type AppEnv, errorResponse, readJson } from "./http.ts";
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

  app.get(ROUTES.connections, async (c) => c.json(await connectionsInfo(s)));

  app.put(ROUTES.oktaConnection, async (c) => {
    const body = await readJson(c, OktaConnectionInputSchema, "Okta connection");
    if (!body.ok) return errorResponse(c, body.error);
    const domain = checkOktaDomain(body.value.domain, {
      allowedHosts: s.config.oktaAllowedHosts,
      allowLocal: s.config.allowLocalUpstreams,
    });
    if (!domain.ok) return errorResponse(c, domain.error);
    const { baseUrl, host } = domain.value;
    const client = s.clients.okta({ baseUrl, auth: body.value.auth, fetch: guardedFetch(s.fetch, baseUrl, "Okta") });
    const checked = await client.verify();
    if (!checked.ok) {
      s.log.warn("connection-check-failed", { upstream: "okta", host, code: checked.error.code });
      return errorResponse(c, "connection-failed", checked.error.message);
    }
    await saveConnection(s.kv, s.box, "okta", {
      demo: false,
      baseUrl,
      target: host,
      secret: body.value.auth,
      checkedAt: s.now().toISOString(),
    });
    s.log.info("connection-saved", { upstream: "okta", host });
    // A new org means the cached snapshot is someone else's directory: read it afresh.
    await s.refresher.start();
    return c.json(await connectionsInfo(s));
  });

  app.put(ROUTES.geneaConnection, async (c) => {
    const body = await readJson(c, GeneaConnectionInputSchema, "Genea connection");
    if (!body.ok) return errorResponse(c, body.error);
    const baseUrl = s.config.geneaBaseUrl;
    const client = s.clients.genea({ baseUrl, apiKey: body.value.apiKey, fetch: guardedFetch(s.fetch, baseUrl, "Genea") });
    const checked = await client.verify();
    if (!checked.ok) {
      s.log.warn("connection-check-failed", { upstream: "genea", code: checked.error.code });
      return errorResponse(c, "connection-failed", checked.error.message);
    }
    const target = nameFrom(checked.value) ?? new URL(baseUrl).host;
    await saveConnection(s.kv, s.box, "genea", {
      demo: false,
      baseUrl,
      target,
      secret: { apiKey: body.value.apiKey },
      checkedAt: s.now().toISOString(),
    });
    s.genea.clear();
    s.log.info("connection-saved", { upstream: "genea", target });
    return c.json(await connectionsInfo(s));
  });

  return app;
}
