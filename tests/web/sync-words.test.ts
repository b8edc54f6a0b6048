import { describe, expect, it } from "vitest";
import { type AuditEntry, type KindCounts, zeroCounts } from "../../shared/api/sync.ts";
import { PATHS, routeOf, syncHref, syncPageOf } from "../../web/state/router.ts";
import { syncRunView } from "../support/web-factories.ts";
import { formOf, settingsFromForm } from "../../web/state/sync-settings.ts";
import { niceMax, trendOf } from "../../web/state/sync-trend.ts";
import { lossesByProperty, lossOf, shrinkSentence } from "../../web/state/sync-verdict.ts";
import { changeWords, eventsSentence, outcomeSentence, triggerSentence } from "../../web/state/sync-words.ts";
import { DEFAULT_SYNC_SETTINGS } from "../../shared/api/sync.ts";

const counts = (c: Partial<KindCounts> = {}): KindCounts => ({ ...zeroCounts(), ...c });
const run = syncRunView;
function entry(over: Partial<AuditEntry>): AuditEntry {
  return {
    runId: "r1",
    seq: 0,
    at: "2026-12-01T10:00:00.000Z",
    oktaId: "00u1",
    email: "ada@example.com",
    geneaUuid: "g1",
    kind: "removeLocation",
    propertyUuid: "ny",
    propertyName: "New York",
    before: "user_location ul1",
    after: null,
    reason: { kind: "not-granted", ruleId: "closed", ruleName: "Closed", status: null, text: "excluded at New York by rule “Closed”" },
    result: "planned",
    attempts: 0,
    error: null,
    ...over,
  };
}

describe("outcomeSentence()", () => {
  it.each([
    [run({ state: "running", phase: "apply", percent: 57 }), "Applying changes to Genea (57%)"],
    [
      run({ planned: counts({ createUser: 2, addLocation: 1 }), applied: counts({ createUser: 2, addLocation: 1 }) }),
      "Finished: made 3 changes",
    ],
    [
      run({ planned: counts({ createUser: 3 }), applied: counts({ createUser: 2 }), failed: counts({ createUser: 1 }) }),
      "Finished: made 2 changes; 1 failed and will be tried again by the next run",
    ],
    [run(), "Finished: nothing to change, Genea already matched the rules"],
    [run({ mode: "dry-run", planned: counts({ removeLocation: 1 }) }), "Dry run finished: would make 1 change (nothing was written)"],
    [
      run({ state: "failed", error: "Reading Okta failed, so nothing was written: 503" }),
      "Failed: Reading Okta failed, so nothing was written: 503",
    ],
    [run({ state: "awaiting-approval" }), "Stopped by the brake before writing anything: waiting for an admin to approve or reject it"],
    [run({ state: "rejected", decidedBy: "sam" }), "Rejected by sam: nothing was written"],
  ])("says %#", (r, sentence) => expect(outcomeSentence(r)).toBe(sentence));
});

describe("triggerSentence()", () => {
  it.each([
    [run({ trigger: "cron", requestedBy: null }), "Scheduled (everyone)"],
    [run({ trigger: "cron", kind: "incremental", requestedBy: null }), "Scheduled (changes since the last read)"],
    [run({ trigger: "event", kind: "people", scope: ["00u1"], requestedBy: null }), "Okta event for 1 person"],
    [run(), "Sync now by admin"],
    [run({ mode: "dry-run" }), "Dry run by admin"],
    [run({ trigger: "on-demand", scope: ["00u1", "00u2"] }), "Provisioning 2 people by admin"],
    [run({ trigger: "approval" }), "Approval by admin"],
  ])("names %#", (r, sentence) => expect(triggerSentence(r)).toBe(sentence));
});

describe("lossOf()", () => {
  it.each([
    [entry({}), "loses access at New York"],
    [
      entry({ kind: "updateLocation", before: "role User; access groups Lobby, Floor 3", after: "role User; access groups Lobby" }),
      "loses access group Floor 3",
    ],
    [entry({ kind: "updateLocation", before: "role User; access groups Lobby", after: "role Admin; access groups Lobby, Floor 3" }), null],
    [entry({ kind: "revokeMobileKey", propertyUuid: null }), "loses their mobile key"],
    [entry({ kind: "setWallet", before: "Wallet on", after: "Wallet off", propertyUuid: null }), "loses the Apple Wallet pass"],
    [entry({ kind: "setWallet", before: "Wallet off", after: "Wallet on", propertyUuid: null }), null],
    [entry({ kind: "deactivateUser", propertyUuid: null }), "is deactivated in Genea"],
    [entry({ kind: "addLocation" }), null],
  ])("words %#", (e, words) => expect(lossOf(e)).toBe(words));
});

describe("lossesByProperty()", () => {
  const brake = {
    kind: "removals" as const,
    message: "…",
    properties: [
      { propertyUuid: "hq", name: "HQ", synced: 100, removals: 0, window: 1, threshold: 25, tripped: false },
      { propertyUuid: "ny", name: "New York", synced: 200, removals: 2, window: 0, threshold: 25, tripped: true },
    ],
  };
  it("groups who loses what by property, tripped first, with unbound losses where the person loses access", () => {
    const out = lossesByProperty([
      entry({ seq: 0 }),
      entry({ seq: 1, kind: "revokeMobileKey", propertyUuid: null, propertyName: null }),
      entry({
        seq: 2,
        oktaId: "00u2",
        email: "bob@example.com",
        reason: { kind: "unmatched", ruleId: null, ruleName: null, status: null, text: "no rule grants access at any property" },
      }),
      entry({
        seq: 3,
        oktaId: "00u3",
        email: "cy@example.com",
        kind: "deactivateUser",
        propertyUuid: null,
        propertyName: null,
        reason: { kind: "status", ruleId: null, ruleName: null, status: "DEPROVISIONED", text: "the user is DEPROVISIONED in Okta" },
      }),
      entry({ seq: 4, oktaId: "00u4", kind: "addLocation", propertyUuid: "hq", propertyName: "HQ" }),
    ], brake);
    expect(out).toEqual([
      {
        propertyUuid: "ny",
        name: "New York",
        brake: brake.properties[1],
        people: [
          {
            oktaId: "00u1",
            email: "ada@example.com",
            what: ["loses access at New York", "loses their mobile key"],
            why: ["excluded at New York by rule “Closed”"],
          },
          { oktaId: "00u2", email: "bob@example.com", what: ["loses access at New York"], why: ["no rule grants access at any property"] },
        ],
      },
      {
        propertyUuid: null,
        name: "Every property they hold",
        brake: null,
        people: [{
          oktaId: "00u3",
          email: "cy@example.com",
          what: ["is deactivated in Genea"],
          why: ["the user is DEPROVISIONED in Okta"],
        }],
      },
    ]);
  });
});

describe("shrinkSentence()", () => {
  it("says what shrank, by how much, and what approving and rejecting mean", () => {
    expect(shrinkSentence({ kind: "read-shrink", collection: "users", before: 2000, after: 1200, message: "…" })).toMatch(
      /^Okta returned 1,200 users where the last complete read had 2,000: 800 fewer \(40%\), more than the brake allows\. Nothing was written\. .*approve.*reject/,
    );
  });
});

describe("settingsFromForm()", () => {
  it("gives back the settings it was made from", () => {
    expect(settingsFromForm(formOf(DEFAULT_SYNC_SETTINGS))).toEqual({ ok: true, value: DEFAULT_SYNC_SETTINGS });
  });
  it.each([
    [{ intervalMinutes: "1441" }, { intervalMinutes: "Sync every (minutes) must be at most 1,440." }],
    [{ fullEveryHours: "0" }, { fullEveryHours: "Read everyone every (hours) must be at least 1." }],
    [{ minUsers: "-1" }, { minUsers: "Brake: at least this many people must be at least 0." }],
    [{ concurrency: "four" }, { concurrency: "Genea changes at once: enter a number." }],
    [{ sliceSeconds: " " }, { sliceSeconds: "Save progress every (seconds): enter a number." }],
    [{ auditRetentionDays: "30.5", percent: "101" }, {
      auditRetentionDays: "Keep the audit for (days) must be a whole number.",
      percent: "Brake: or this share of a property's people (%) must be at most 100.",
    }],
  ])("refuses %j in words", (patch, errors) => {
    expect(settingsFromForm({ ...formOf(DEFAULT_SYNC_SETTINGS), ...patch })).toEqual({ ok: false, errors });
  });
});

describe("trendOf()", () => {
  it("orders finished runs oldest first and counts what each changed in Genea", () => {
    const points = trendOf([
      run({
        id: "b",
        startedAt: "2026-12-02T10:00:00.000Z",
        applied: counts({ removeLocation: 4, revokeMobileKey: 1, updateLocation: 2 }),
        failed: counts({ removeLocation: 1 }),
      }),
      run({ id: "c", startedAt: "2026-12-03T10:00:00.000Z", state: "running" }),
      run({ id: "d", startedAt: "2026-12-02T11:00:00.000Z", mode: "dry-run", planned: counts({ createUser: 9 }) }),
      run({ id: "a", startedAt: "2026-12-01T10:00:00.000Z", applied: counts({ createUser: 3, addLocation: 2, issueMobileKey: 1 }) }),
    ]);
    expect(points.map((p) => [p.runId, p.additions, p.changes, p.removals, p.errors])).toEqual([
      ["a", 6, 0, 0, 0],
      ["b", 0, 2, 5, 1],
      ["d", 0, 0, 0, 0],
    ]);
  });
  it.each([[0, 1], [7, 10], [12, 20], [240, 250], [4300, 5000]])("scales %i to a round %i", (max, top) => {
    expect(niceMax([{ runId: "x", at: "", additions: max, changes: 0, removals: 0, errors: 0 }])).toBe(top);
  });
});

describe("the sync routes", () => {
  it.each([
    ["/sync", { kind: "console" }],
    ["/sync/runs/0b4e5f1c-2a3b-4c5d-8e9f-0a1b2c3d4e5f", { kind: "run", id: "0b4e5f1c-2a3b-4c5d-8e9f-0a1b2c3d4e5f" }],
    ["/sync/people/00u123/", { kind: "person", oktaId: "00u123" }],
    ["/sync/people/%E0%A4%A", { kind: "console" }],
    ["/sync/other/x", { kind: "console" }],
  ])("reads %s", (path, page) => {
    expect(syncPageOf(path)).toEqual(page);
    expect(routeOf(path)).toBe(PATHS.sync);
  });
  it("builds links that read back", () => {
    expect(syncPageOf(syncHref.person("00u/x y"))).toEqual({ kind: "person", oktaId: "00u/x y" });
  });
});

describe("changeWords()", () => {
  it.each([
    [entry({}), "Remove access at New York"],
    [
      entry({ kind: "addLocation", before: null, after: "role User; access groups Lobby" }),
      "Give access at New York: role User; access groups Lobby",
    ],
    [
      entry({ kind: "updateLocation", before: "role User; access groups Lobby", after: "role User; access groups Lobby, Floor 3" }),
      "Change access at New York: role User; access groups Lobby → role User; access groups Lobby, Floor 3",
    ],
    [
      entry({ kind: "issueMobileKey", propertyUuid: null, propertyName: null, before: null, after: "mobile key (pending download)" }),
      "Issue a mobile key (pending download)",
    ],
    [entry({ kind: "setWallet", before: "Wallet off", after: "Wallet on" }), "Turn the Apple Wallet pass on"],
    [
      entry({ kind: "updateProfile", before: "name: Ada L", after: "name: Ada Lovelace" }),
      "Update the profile: name: Ada L → name: Ada Lovelace",
    ],
  ])("words %#", (e, words) => expect(changeWords(e)).toBe(words));
});

describe("eventsSentence()", () => {
  const quiet = {
    lastPolledAt: null,
    lastError: null,
    gaps: 0,
    lastGapAt: null,
    failedDeliveries: 0,
    lastFailedDeliveryAt: null,
    pendingHints: 0,
  };
  it.each([
    [quiet, /^System Log not read yet$/],
    [{ ...quiet, lastError: "Okta answered 403 (E0000006)" }, /^Reading Okta's System Log failed: Okta answered 403 \(E0000006\)$/],
    [
      { ...quiet, lastPolledAt: "2026-12-01T10:00:00.000Z", pendingHints: 3, gaps: 1, failedDeliveries: 2 },
      /^System Log last read .*; 3 people changed in Okta, waiting for their sync; 1 change no event hook delivered \(found in the log\); 2 event hook deliveries failed$/,
    ],
  ])("says %#", (events, sentence) => expect(eventsSentence(events)).toMatch(sentence));
});
