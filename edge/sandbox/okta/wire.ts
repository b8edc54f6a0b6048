/** Records as Okta sends them: users and groups with `_links`, app assignments. */
import type { OktaAppRecord, OktaGroupRecord, OktaUserRecord } from "../demo/types.ts";

export function wireUser(u: OktaUserRecord, origin: string) {
  return {
    ...u,
    credentials: { password: {}, provider: { type: "OKTA", name: "OKTA" } },
    _links: { self: { href: `${origin}/api/v1/users/${u.id}` } },
  };
}

export function wireGroup(g: OktaGroupRecord, origin: string) {
  const self = `${origin}/api/v1/groups/${g.id}`;
  return {
    ...g,
    _links: {
      logo: [
        { name: "medium", href: `${origin}/assets/img/logos/groups/okta-medium.png`, type: "image/png" },
        { name: "large", href: `${origin}/assets/img/logos/groups/okta-large.png`, type: "image/png" },
      ],
      users: { href: `${self}/users` },
      apps: { href: `${self}/apps` },
    },
  };
}

export function wireAppUser(u: OktaUserRecord, app: OktaAppRecord, scope: "USER" | "GROUP", origin: string) {
  const p = u.profile;
  return {
    id: u.id,
    externalId: null,
    created: u.created,
    lastUpdated: u.lastUpdated,
    scope,
    status: u.status === "ACTIVE" ? "ACTIVE" : "PROVISIONED",
    statusChanged: u.statusChanged,
    passwordChanged: u.passwordChanged,
    syncState: "DISABLED",
    lastSync: null,
    credentials: { userName: p.login ?? null },
    profile: { email: p.email ?? null, firstName: p.firstName ?? null, lastName: p.lastName ?? null },
    _links: {
      app: { href: `${origin}/api/v1/apps/${app.id}` },
      user: { href: `${origin}/api/v1/users/${u.id}` },
    },
  };
}

export function wireAppGroup(g: OktaGroupRecord, app: OktaAppRecord, priority: number, origin: string) {
  return {
    id: g.id,
    priority,
    lastUpdated: g.lastUpdated,
    profile: {},
    _links: {
      app: { href: `${origin}/api/v1/apps/${app.id}` },
      self: { href: `${origin}/api/v1/apps/${app.id}/groups/${g.id}` },
      group: { href: `${origin}/api/v1/groups/${g.id}` },
    },
  };
}
