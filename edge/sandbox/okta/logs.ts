/**
 * The System Log: every sandbox mutation appends a LogEvent (shape per Okta's LogEvent
 * schema, User/UserGroup targets) in persistence order, and listeners (the hook dispatcher)
 * hear about it. Cursors are `<published ms>_<sequence>`, like Okta's `1627500044869_1`.
 */
import type { OktaGroupRecord, OktaUserRecord } from "../demo/types.ts";
import { randomToken } from "./ids.ts";

export interface LogTarget {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
  detailEntry: Record<string, unknown> | null;
  changeDetails?: { from: Record<string, unknown>; to: Record<string, unknown> };
}

export interface LogEvent {
  uuid: string;
  published: string;
  eventType: string;
  version: string;
  severity: "DEBUG" | "INFO" | "WARN" | "ERROR";
  displayMessage: string;
  legacyEventType: string | null;
  actor: { id: string; type: string; alternateId: string; displayName: string; detailEntry: null };
  client: { userAgent: null; zone: string; device: string; id: null; ipAddress: string; geographicalContext: null };
  outcome: { result: string; reason: string | null };
  target: LogTarget[];
  transaction: { type: string; id: string; detail: Record<string, unknown> };
  debugContext: { debugData: Record<string, string> };
  authenticationContext: { authenticationStep: number; externalSessionId: string };
  securityContext: Record<string, never>;
  request: { ipChain: unknown[] };
}

export interface StoredEvent {
  seq: number;
  at: number;
  event: LogEvent;
}

export interface LogInput {
  eventType: string;
  displayMessage: string;
  target: LogTarget[];
  severity?: LogEvent["severity"];
  outcome?: LogEvent["outcome"];
  debugData?: Record<string, string>;
}

export interface LogStore {
  /** all events in persistence order */
  readonly events: readonly StoredEvent[];
  append(input: LogInput): LogEvent;
  onAppend(listener: (event: LogEvent) => void): void;
}

export const SANDBOX_ADMIN = {
  id: "00usandboxadmin00000",
  type: "User",
  alternateId: "admin@sandbox.local",
  displayName: "Sandbox Admin",
  detailEntry: null,
};

export function userTarget(u: OktaUserRecord): LogTarget {
  const name = [u.profile.firstName, u.profile.lastName].filter(Boolean).join(" ");
  return { id: u.id, type: "User", alternateId: u.profile.login ?? "unknown", displayName: name || "unknown", detailEntry: null };
}
export function groupTarget(g: OktaGroupRecord): LogTarget {
  return { id: g.id, type: "UserGroup", alternateId: "unknown", displayName: g.profile.name, detailEntry: null };
}

export function createLogStore(now: () => number): LogStore {
  const events: StoredEvent[] = [];
  const listeners: ((event: LogEvent) => void)[] = [];
  return {
    events,
    append(input) {
      const at = now();
      const txId = randomToken(20);
      const event: LogEvent = {
        uuid: crypto.randomUUID(),
        published: new Date(at).toISOString(),
        eventType: input.eventType,
        version: "0",
        severity: input.severity ?? "INFO",
        displayMessage: input.displayMessage,
        legacyEventType: null,
        actor: SANDBOX_ADMIN,
        client: { userAgent: null, zone: "null", device: "Unknown", id: null, ipAddress: "127.0.0.1", geographicalContext: null },
        outcome: input.outcome ?? { result: "SUCCESS", reason: null },
        target: input.target,
        transaction: { type: "WEB", id: txId, detail: {} },
        debugContext: { debugData: { requestId: txId, ...input.debugData } },
        authenticationContext: { authenticationStep: 0, externalSessionId: "sandbox" },
        securityContext: {},
        request: { ipChain: [] },
      };
      events.push({ seq: events.length + 1, at, event });
      for (const listener of listeners) listener(event);
      return event;
    },
    onAppend(listener) {
      listeners.push(listener);
    },
  };
}

export const logCursor = (e: StoredEvent) => `${e.at}_${e.seq}`;
export function parseLogCursor(cursor: string): number | undefined {
  const m = /^\d+_(\d+)$/.exec(cursor);
  return m ? Number(m[1]) : undefined;
}
