/**
 * The gate in front of every /api route: find the session from the cookie, refuse
 * cross-site state changes (Origin / Sec-Fetch-Site), require a session except on the few
 * public routes, and require the session's CSRF token on every state-changing request.
 */
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { CSRF_HEADER, ROUTES, SESSION_COOKIE } from "../../shared/api/routes.ts";
import { constantTimeEqual } from "../security/tokens.ts";
import { type AppEnv, errorResponse } from "../routes/http.ts";
import type { Sessions } from "./sessions.ts";

/** Reachable without a session ("METHOD path"). Everything else under /api needs one. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  `GET ${ROUTES.health}`,
  `GET ${ROUTES.session}`,
  `POST ${ROUTES.setup}`,
  `POST ${ROUTES.signIn}`,
  `GET ${ROUTES.oktaHook}`,
  `POST ${ROUTES.oktaHook}`,
]);
/** Called by Okta's servers, not a browser: authenticated by the hook's own secret. */
const SERVER_TO_SERVER: ReadonlySet<string> = new Set([ROUTES.oktaHook]);

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function crossSite(req: Request): string | null {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `a ${site} request`;
  const origin = req.headers.get("origin");
  if (origin) {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch { /* "null" or garbage: refused below */ }
    // Behind a reverse proxy Host may name the upstream; X-Forwarded-Host names the site.
    // (A cross-site page cannot add that header without a CORS preflight, which is refused.)
    const own = [req.headers.get("host") ?? new URL(req.url).host, req.headers.get("x-forwarded-host")];
    if (host === null || !own.includes(host)) return `a request from ${origin.slice(0, 100)}`;
  }
  return null;
}

export const guard = (sessions: Sessions): MiddlewareHandler<AppEnv> => async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE) ?? null;
  const session = token ? await sessions.read(token) : null;
  c.set("session", session);
  c.set("sessionToken", session ? token : null);

  const method = c.req.method;
  const path = c.req.path;
  const isPublic = PUBLIC_ROUTES.has(`${method === "HEAD" ? "GET" : method} ${path}`);
  const changesState = !SAFE_METHODS.has(method);

  if (changesState && !SERVER_TO_SERVER.has(path)) {
    const why = crossSite(c.req.raw);
    if (why) return errorResponse(c, "forbidden", `Refused ${why}: doorsync only accepts changes from its own pages`);
  }
  if (!isPublic && !session) return errorResponse(c, "unauthorized", "Sign in first (your session may have expired)");
  if (changesState && !isPublic && session) {
    const sent = c.req.header(CSRF_HEADER) ?? "";
    if (!constantTimeEqual(sent, session.csrfToken)) {
      return errorResponse(c, "csrf", `Missing or wrong ${CSRF_HEADER} header: reload the page and try again`);
    }
  }
  await next();
};
