/** Access tokens minted by /oauth2/v1/token: opaque strings, 1 h lifetime, optionally DPoP-bound. */
import { randomToken } from "./ids.ts";

export const OKTA_SCOPES = [
  "okta.users.read",
  "okta.groups.read",
  "okta.apps.read",
  "okta.logs.read",
  "okta.eventHooks.read",
  "okta.eventHooks.manage",
] as const;

export interface AccessToken {
  value: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  /** SHA-256 JWK thumbprint of the key the token is bound to (DPoP) */
  jkt?: string;
}

export interface TokenStore {
  issue(clientId: string, scopes: string[], jkt: string | undefined): AccessToken;
  /** The token if it exists and hasn't expired. */
  find(value: string): AccessToken | undefined;
  /** Single-use client-assertion jtis. */
  useAssertionJti(clientId: string, jti: string, until: number): boolean;
}

export const TOKEN_LIFETIME_S = 3600;

export function createTokenStore(now: () => number): TokenStore {
  const tokens = new Map<string, AccessToken>();
  const jtis = new Map<string, number>();
  return {
    issue(clientId, scopes, jkt) {
      const token = { value: `sbx.${randomToken(40)}`, clientId, scopes, expiresAt: now() + TOKEN_LIFETIME_S * 1000, jkt };
      tokens.set(token.value, token);
      return token;
    },
    find(value) {
      const token = tokens.get(value);
      if (!token) return undefined;
      if (token.expiresAt <= now()) {
        tokens.delete(value);
        return undefined;
      }
      return token;
    },
    useAssertionJti(clientId, jti, until) {
      const key = `${clientId} ${jti}`;
      const t = now();
      for (const [k, u] of jtis) if (u < t) jtis.delete(k);
      if (jtis.has(key)) return false;
      jtis.set(key, until);
      return true;
    },
  };
}
