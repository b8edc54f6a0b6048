/**
 * POST /oauth2/v1/token: client_credentials with a private_key_jwt client assertion, and the
 * DPoP nonce dance. Order of checks: assertion decodes and names a known client → DPoP proof
 * (and nonce) → assertion signature/claims → scopes. The proof is checked before the
 * assertion's jti is spent, so a client may resend the same assertion after `use_dpop_nonce`.
 * Requested scopes must all be granted, else invalid_scope (the sandbox never narrows silently).
 */
import { type Context, Hono } from "hono";
import { origins, type Sandbox } from "../context.ts";
import { decodeJwt, verifyJwt } from "../jwt.ts";
import { OKTA_SCOPES, TOKEN_LIFETIME_S } from "../tokens.ts";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const EXP_SKEW_S = 60;

function oauthError(c: Context, status: 400 | 401, error: string, description: string): Response {
  c.header("Cache-Control", "no-store");
  return c.json({ error, error_description: description }, status);
}

export function tokenRoutes(sb: Sandbox): Hono {
  const app = new Hono();
  app.post("/oauth2/v1/token", async (c) => {
    if (!(c.req.header("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
      return oauthError(c, 400, "invalid_request", "The request body must be application/x-www-form-urlencoded.");
    }
    const form = new URLSearchParams(await c.req.text());
    if (form.get("grant_type") !== "client_credentials") {
      return oauthError(c, 400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
    }
    if (form.get("client_assertion_type") !== ASSERTION_TYPE) {
      return oauthError(c, 401, "invalid_client", "The client_assertion_type must be jwt-bearer.");
    }
    const assertion = decodeJwt(form.get("client_assertion") ?? "");
    if (!assertion) return oauthError(c, 401, "invalid_client", "The client_assertion is not a valid JWT.");
    const clientId = assertion.claims.iss;
    const app = sb.seed.serviceApps.find((a) => a.clientId === clientId);
    if (!app || (form.has("client_id") && form.get("client_id") !== clientId)) {
      return oauthError(c, 401, "invalid_client", "The client_id is unknown or does not match the assertion's iss.");
    }
    const accepted = origins(c, sb.seed.orgName);

    // DPoP first, so the nonce round-trip doesn't burn the client assertion.
    const proof = c.req.header("DPoP");
    let jkt: string | undefined;
    let proofJti: string | undefined;
    if (proof === undefined) {
      if (app.requireDpop) return oauthError(c, 400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.");
    } else {
      const checked = await sb.dpop.check(proof, { method: "POST", origins: accepted, path: "/oauth2/v1/token" });
      if (!checked.ok) return oauthError(c, 400, "invalid_dpop_proof", checked.description);
      if (!sb.dpop.nonceValid(checked.nonce)) {
        c.header("dpop-nonce", sb.dpop.nonce());
        return oauthError(c, 400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.");
      }
      jkt = checked.jkt;
      proofJti = checked.jti;
    }

    const problem = await assertionProblem(sb, assertion, app, accepted);
    if (problem) return oauthError(c, 401, "invalid_client", problem);

    const requested = (form.get("scope") ?? "").split(" ").filter(Boolean);
    const refused = requested.filter((s) => !app.scopes.includes(s) || !(OKTA_SCOPES as readonly string[]).includes(s));
    if (requested.length === 0 || refused.length > 0) {
      return oauthError(c, 400, "invalid_scope", `The following scopes are not allowed: ${refused.join(" ") || "(none requested)"}`);
    }
    if (proofJti) sb.dpop.consume(proofJti);
    const token = sb.tokens.issue(app.clientId, requested, jkt);
    c.header("Cache-Control", "no-store");
    c.header("Pragma", "no-cache");
    return c.json({
      token_type: jkt ? "DPoP" : "Bearer",
      expires_in: TOKEN_LIFETIME_S,
      access_token: token.value,
      scope: requested.join(" "),
    });
  });
  return app;
}

async function assertionProblem(
  sb: Sandbox,
  assertion: NonNullable<ReturnType<typeof decodeJwt>>,
  app: Sandbox["seed"]["serviceApps"][number],
  accepted: string[],
): Promise<string | undefined> {
  const { header, claims } = assertion;
  const now = sb.now() / 1000;
  if (header.kid !== undefined && header.kid !== app.kid) return "The client_assertion 'kid' is not a key registered on the client.";
  if (claims.sub !== app.clientId) return "The client_assertion 'sub' must equal its 'iss' (the client_id).";
  if (!accepted.some((o) => claims.aud === `${o}/oauth2/v1/token`)) {
    return "The audience claim for client_assertion must be the endpoint invoked for the request.";
  }
  if (typeof claims.exp !== "number" || claims.exp <= now) return "The client_assertion token is expired.";
  if (claims.exp > now + 3600 + EXP_SKEW_S) return "The client_assertion token has an expiration too far in the future.";
  if (claims.iat !== undefined && (typeof claims.iat !== "number" || claims.iat > now + EXP_SKEW_S)) {
    return "The client_assertion 'iat' is in the future.";
  }
  if (!(await verifyJwt(assertion, app.publicJwk))) return "The client_assertion signature is invalid.";
  if (claims.jti !== undefined) {
    if (typeof claims.jti !== "string") return "The client_assertion 'jti' must be a string.";
    if (!sb.tokens.useAssertionJti(app.clientId, claims.jti, claims.exp * 1000)) return "The client_assertion token has already been used.";
  }
  return undefined;
}
