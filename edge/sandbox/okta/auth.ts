/**
 * Resource-side auth for /api/v1: `SSWS <token>` (all scopes), `Bearer <at>` and
 * `DPoP <at>` + proof, then the route's scope. Failures answer as Okta does: unknown token
 * 401 E0000011; DPoP misuse 400/401 with `{error, error_description}` and a
 * WWW-Authenticate header; missing scope 403 with an empty body and WWW-Authenticate
 * `insufficient_scope`.
 */
import type { Context, MiddlewareHandler } from "hono";
import { origins, type Sandbox } from "./context.ts";
import { oktaError } from "./errors.ts";
import { SUPPORTED_ALGS } from "./jwt.ts";

const DPOP_ALGS = `algs="${SUPPORTED_ALGS.join(" ")}"`;

/** The scope a route needs; any of `alternatives` also suffices. */
export function requiredScope(method: string, path: string): { scope: string; alternatives: string[] } | undefined {
  const p = path.replace(/\/+$/, "");
  if (p.startsWith("/api/v1/users")) return { scope: "okta.users.read", alternatives: [] };
  if (p.startsWith("/api/v1/groups")) return { scope: "okta.groups.read", alternatives: [] };
  if (p.startsWith("/api/v1/apps")) return { scope: "okta.apps.read", alternatives: [] };
  if (p === "/api/v1/logs") return { scope: "okta.logs.read", alternatives: [] };
  if (p.startsWith("/api/v1/eventHooks")) {
    return method === "GET"
      ? { scope: "okta.eventHooks.read", alternatives: ["okta.eventHooks.manage"] }
      : { scope: "okta.eventHooks.manage", alternatives: [] };
  }
  return undefined;
}

function dpopError(c: Context, status: 400 | 401, error: string, description: string): Response {
  c.header("WWW-Authenticate", `DPoP ${DPOP_ALGS}, error="${error}", error_description="${description}"`);
  return c.json({ error, error_description: description }, status);
}

export function authMiddleware(sb: Sandbox): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("Authorization") ?? "";
    const space = header.indexOf(" ");
    const scheme = space > 0 ? header.slice(0, space) : header;
    const credential = space > 0 ? header.slice(space + 1).trim() : "";
    let scopes: readonly string[];
    if (scheme === "SSWS") {
      if (!sb.seed.apiTokens.includes(credential)) return oktaError(c, "E0000011");
      scopes = ["*"];
    } else if (scheme === "Bearer" || scheme === "DPoP") {
      const token = sb.tokens.find(credential);
      if (!token) {
        c.header("WWW-Authenticate", `${scheme} error="invalid_token", error_description="The access token is invalid."`);
        return oktaError(c, "E0000011");
      }
      if (scheme === "Bearer" && token.jkt) {
        return dpopError(
          c,
          400,
          "invalid_request",
          "The DPoP-bound access token must use the DPoP authentication scheme (dpop_authentication_scheme_required).",
        );
      }
      if (scheme === "DPoP") {
        if (!token.jkt) return dpopError(c, 401, "invalid_token", "The access token is not DPoP-bound (access_token_not_dpop_bound).");
        const proof = c.req.header("DPoP");
        if (!proof) return dpopError(c, 400, "invalid_request", "A DPoP proof is required for this token (dpop_proof_required_for_token).");
        const path = safeDecode(new URL(c.req.url).pathname);
        const checked = await sb.dpop.check(proof, {
          method: c.req.method,
          origins: origins(c, sb.seed.orgName),
          path,
          accessToken: credential,
        });
        if (!checked.ok) return dpopError(c, 400, "invalid_dpop_proof", checked.description);
        if (checked.jkt !== token.jkt) {
          return dpopError(c, 400, "invalid_dpop_proof", "The DPoP proof key does not match the access token's binding.");
        }
        sb.dpop.consume(checked.jti);
      }
      scopes = token.scopes;
    } else {
      return oktaError(c, "E0000011");
    }
    const need = requiredScope(c.req.method, c.req.path);
    if (need && !scopes.includes("*") && !scopes.includes(need.scope) && !need.alternatives.some((s) => scopes.includes(s))) {
      const org = `https://${sb.seed.orgName}`;
      const prefix = scheme === "DPoP" ? `DPoP ${DPOP_ALGS},` : "Bearer";
      c.header(
        "WWW-Authenticate",
        `${prefix} authorization_uri="${org}/oauth2/v1/authorize", realm="${org}", scope="${need.scope}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${c.req.path}"`,
      );
      return c.body(null, 403);
    }
    await next();
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
