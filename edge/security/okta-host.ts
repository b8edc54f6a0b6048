/**
 * Which Okta domains a connection may point at. The edge sends an API token to this host,
 * so anything that could reach an internal service or a look-alike is refused: only https
 * Okta-hosted orgs (or hosts the operator allow-listed), no IP literals in any notation,
 * no localhost, userinfo, odd ports, paths, queries or fragments.
 */
import { fail, ok, type Result } from "../../shared/result.ts";

export const OKTA_SUFFIXES = [".okta.com", ".oktapreview.com", ".okta-emea.com"] as const;

export interface HostPolicy {
  /** exact hosts (host or host:port) the operator allows besides Okta's own */
  allowedHosts: readonly string[];
  /** tests only: allow-listed hosts may use http, IP literals and ports */
  allowLocal: boolean;
}

const LABELS = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;
const DOTTED_QUAD = /^\d{1,3}(\.\d{1,3}){3}$/;

export function checkOktaDomain(input: string, policy: HostPolicy): Result<{ baseUrl: string; host: string }, "invalid-domain"> {
  const refuse = (why: string) =>
    fail("invalid-domain", `The Okta domain "${input.slice(0, 100)}" is not allowed: ${why}. Use your org's domain, e.g. acme.okta.com.`);
  const text = input.trim();
  if (/[\s\\%]/.test(text)) return refuse("it contains spaces, backslashes or escapes");
  // "acme.okta.com:443" has no scheme; "javascript:x" and "file:/x" have one that is not https.
  const hasScheme = /^[a-z][a-z0-9+.-]*:(\/\/|(?!\d))/i.test(text);
  const withScheme = hasScheme ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return refuse("it is not a valid address");
  }
  const host = url.host.toLowerCase(); // includes a non-default port
  const listed = policy.allowedHosts.includes(host);
  const localOk = policy.allowLocal && listed;
  if (url.protocol !== "https:" && !(localOk && url.protocol === "http:")) return refuse("it must use https");
  if (url.username || url.password || /@/.test(text)) return refuse("it must not contain a user name or password");
  if (url.port && url.port !== "443" && !localOk) return refuse("only the standard https port is allowed");
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || /[?#]/.test(text)) {
    return refuse("give the domain only, without a path");
  }
  const name = url.hostname.toLowerCase();
  if (!localOk) {
    // The URL parser turns decimal, hex and octal IPv4 forms into dotted quads.
    if (name.startsWith("[") || DOTTED_QUAD.test(name)) return refuse("IP addresses are not allowed");
    if (name === "localhost" || name.endsWith(".localhost")) return refuse("local addresses are not allowed");
    if (!LABELS.test(name) || /\.\d+$/.test(name)) return refuse("it is not a valid host name");
  }
  const oktaHosted = OKTA_SUFFIXES.some((s) => name.endsWith(s) && name.length > s.length);
  if (!oktaHosted && !listed) {
    return refuse(
      "it is not an Okta-hosted domain (*.okta.com, *.oktapreview.com, *.okta-emea.com) and not listed in DOORSYNC_OKTA_ALLOWED_HOSTS",
    );
  }
  return ok({ baseUrl: `${url.protocol}//${host}`, host });
}
