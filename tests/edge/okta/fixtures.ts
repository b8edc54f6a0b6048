/**
 * Helpers for the Okta client suites: the sandbox on a real socket, a virtual clock shared
 * by client and sandbox (backoffs and rate-limit waits pass instantly but consistently on
 * both sides), and the directory a seed should read as, computed independently of the client.
 */
import { createOktaSandbox, type OktaSandbox, type OktaSandboxOptions } from "../../../edge/sandbox/okta/index.ts";
import { type DirectoryInput, recordsOf } from "../../../shared/directory/table.ts";
import type { OktaSeed } from "../../../edge/sandbox/demo/types.ts";
import type { Directory } from "../../../shared/directory/model.ts";
import { createOktaClient, type OktaClientConfig } from "../../../edge/okta/index.ts";
import { listen, type RunningServer } from "../../support/http-server.ts";
import { TEST_API_TOKEN } from "../../support/okta-seed.ts";

export interface VirtualClock {
  now: () => number;
  /** advances the clock, then yields to the event loop (so sockets keep flowing) */
  sleep: (ms: number) => Promise<void>;
  slept: () => number;
}

export function virtualClock(start = Date.parse("2026-03-02T09:00:00.000Z")): VirtualClock {
  let t = start;
  let total = 0;
  return {
    now: () => t,
    sleep: (ms) => {
      t += ms;
      total += ms;
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
    slept: () => total,
  };
}

export interface ServedSandbox {
  sandbox: OktaSandbox;
  server: RunningServer;
  url: string;
  /** responses the sandbox answered with, by status */
  statuses: Map<number, number>;
  /** request headers seen by the sandbox, in order */
  seen: { path: string; headers: Headers }[];
  close(): Promise<void>;
}

/** The sandbox served on 127.0.0.1, with a tap counting the statuses it answered. */
export async function serveSandbox(seed: OktaSeed, options: OktaSandboxOptions = {}): Promise<ServedSandbox> {
  const sandbox = createOktaSandbox(seed, options);
  const statuses = new Map<number, number>();
  const seen: ServedSandbox["seen"] = [];
  const server = await listen(async (req) => {
    seen.push({ path: new URL(req.url).pathname, headers: req.headers });
    const res = await sandbox.app.fetch(req);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    return res;
  });
  return { sandbox, server, url: server.url, statuses, seen, close: () => server.close() };
}

/** An SSWS client on the virtual clock (retries and waits cost no wall time). */
export function sswsClient(url: string, clock: VirtualClock, extra: Partial<OktaClientConfig> = {}) {
  return createOktaClient({
    baseUrl: url,
    auth: { kind: "ssws", token: TEST_API_TOKEN },
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...extra,
  });
}

/** Total requests the sandbox counted (faulted ones included). */
export const totalRequests = (s: OktaSandbox) => Object.values(s.counters.get()).reduce((a, b) => a + b, 0);

/**
 * What reading `seed` must produce: every user (all statuses) sorted by id, email from the
 * profile (null when blank), groupIds in group-id order, groups sorted by id.
 */
export function expectedDirectory(seed: OktaSeed, scope?: { userIds: string[]; groupIds: string[] }): Omit<Directory, "fetchedAt"> {
  const groups = [...seed.groups].sort((a, b) => a.id.localeCompare(b.id));
  const groupIds = new Map<string, string[]>();
  for (const g of groups) for (const u of seed.memberships[g.id] ?? []) groupIds.set(u, [...(groupIds.get(u) ?? []), g.id]);
  let users = [...seed.users].sort((a, b) => a.id.localeCompare(b.id));
  if (scope) {
    users = users.filter((u) => scope.userIds.includes(u.id) || (groupIds.get(u.id) ?? []).some((g) => scope.groupIds.includes(g)));
  }
  return {
    users: users.map((u) => {
      const email = u.profile.email;
      return {
        id: u.id,
        status: u.status,
        email: email && email.trim() ? email.trim() : null,
        profile: Object.fromEntries(Object.entries(u.profile)),
        groupIds: groupIds.get(u.id) ?? [],
        lastUpdated: u.lastUpdated,
      };
    }),
    groups: groups.map((g) => ({ id: g.id, name: g.profile.name, type: g.type })),
  };
}

/** The directory's users and groups as records, whichever form it came in. */
export const withoutTime = (directory: DirectoryInput) => {
  const d = recordsOf(directory);
  return { users: d.users, groups: d.groups };
};
