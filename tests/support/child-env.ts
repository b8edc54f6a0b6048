/**
 * The environment for a process a test spawns (Deno edge, sandbox CLI, scripts): everything
 * the platform needs to work as the developer's own shell does (TLS trust such as
 * SSL_CERT_FILE / NODE_EXTRA_CA_CERTS, proxies, locale, HOME, PATH), minus the developer's
 * own doorsync settings, which would leak a real connection or port into a test.
 */
const PRIVATE = /^(DOORSYNC_|PORT$)/;

export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !PRIVATE.test(name)) env[name] = value;
  }
  return { ...env, NO_COLOR: "1", ...extra };
}
