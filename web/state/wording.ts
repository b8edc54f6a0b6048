/**
 * Server messages that quote a low-level network error (the runtime's DNS or socket text)
 * rephrased for an admin: what went wrong and what to check. Anything unrecognised passes
 * through unchanged, since the edge's own sentences already name the thing.
 */
const NETWORK_CAUSES: readonly [RegExp, string][] = [
  [
    /ENOTFOUND|EAI_NONAME|EAI_AGAIN|failed to lookup address|Name or service not known|nodename nor servname/i,
    "no such host name exists; check the domain for typos",
  ],
  [/ECONNREFUSED|Connection refused/i, "nothing accepts connections at that address"],
  [/certificate|TLS|SSL/i, "its TLS certificate was not accepted"],
  [/ECONNRESET|connection reset|broken pipe|connection closed/i, "the connection was cut off; try again"],
  [/timed? ?out|no answer within/i, "it did not answer in time; try again"],
];
/** The edge's own context at the end, e.g. "(reading the catalog, 3 attempts)". */
const CONTEXT = /\((?:[^()]*attempts?[^()]*)\)\s*$/;

function parts(message: string): { host: string; cause: string } | null {
  const reach = /^Could not reach ([^:\s]+): (.*)$/s.exec(message);
  if (reach) return { host: reach[1], cause: reach[2] };
  const kept = /^The connection to (\S+) kept failing \((.*)\); gave up after \d+ attempts$/s.exec(message);
  return kept ? { host: kept[1], cause: kept[2] } : null;
}

export function plainMessage(message: string): string {
  const p = parts(message);
  const found = p && NETWORK_CAUSES.find(([pattern]) => pattern.test(p.cause));
  if (!p || !found) return message;
  const context = CONTEXT.exec(p.cause)?.[0];
  return `Could not reach ${p.host}: ${found[1]}${context ? ` ${context}` : ""}.`;
}
