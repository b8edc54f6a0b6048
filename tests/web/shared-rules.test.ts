import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { encodeShareLink } from "../../shared/share/index.ts";
import { createSharedRules, mergeLinked } from "../../web/state/shared-rules.ts";
import { createUndo } from "../../web/state/undo.ts";
import { excludeRule, grantRule, HQ, LAB, ruleSetOf } from "../support/web-factories.ts";

const current = ruleSetOf({ [HQ]: [grantRule("mine", [])], [LAB]: [grantRule("lab", [])] });

describe("mergeLinked()", () => {
  it("replaces only the properties known here, names the unknown ones and keeps the rest", () => {
    const linked = ruleSetOf({ [HQ]: [grantRule("theirs", [])], "loc-elsewhere": [grantRule("x", [])] });
    const m = mergeLinked(linked, current, [HQ, LAB]);
    expect(m.candidate.properties).toEqual({ [HQ]: { rules: [grantRule("theirs", [])] }, [LAB]: { rules: [grantRule("lab", [])] } });
    expect(m).toMatchObject({ unknown: ["loc-elsewhere"], replaced: [HQ], emptied: [], kept: [LAB] });
  });

  it("never empties a property silently: an empty list from the link is named", () => {
    const m = mergeLinked(ruleSetOf({ [LAB]: [] }), current, [HQ, LAB]);
    expect(m).toMatchObject({ emptied: [LAB], replaced: [], kept: [HQ] });
  });

  it("takes nothing from a link of another organisation", () => {
    const m = mergeLinked(ruleSetOf({ "loc-a": [grantRule("a", [])], "loc-b": [] }), current, [HQ, LAB]);
    expect(m.candidate.properties).toEqual(current.properties);
    expect(m).toMatchObject({ unknown: ["loc-a", "loc-b"], replaced: [], emptied: [], kept: [HQ, LAB] });
  });
});

describe("createSharedRules()", () => {
  const setup = (applied: unknown[]) =>
    createRoot(() =>
      createSharedRules({
        known: () => [HQ, LAB],
        draft: () => current,
        published: () => current,
        publishedVersion: () => 3,
        lint: async () => [],
        impact: async () => [{ locationUuid: HQ, gained: 0, lost: 4 }],
        apply: (candidate, before) => void applied.push({ candidate, before }),
      })
    );

  it("shows the candidate's diff against the published rules before anything is applied", async () => {
    const applied: unknown[] = [];
    const shared = setup(applied);
    await shared.open(encodeShareLink(ruleSetOf({ [HQ]: [excludeRule("nobody", [])] }), "https://doorsync.example/rules"));
    const s = shared.state();
    expect(s.phase).toBe("review");
    if (s.phase !== "review") return;
    expect(s.review.diff.properties).toEqual([{
      locationUuid: HQ,
      status: "changed",
      added: ["nobody"],
      removed: ["mine"],
      changed: [],
      moved: [],
    }]);
    expect(s.review.impact).toEqual([{ locationUuid: HQ, gained: 0, lost: 4 }]);
    expect(applied).toEqual([]);
    expect(await shared.accept()).toBe(true);
    expect(applied).toEqual([{ candidate: s.review.candidate, before: current }]);
  });

  it("says when a link cannot be read", async () => {
    const shared = setup([]);
    await shared.open("https://doorsync.example/rules#rules=v1.garbage");
    expect(shared.state()).toMatchObject({ phase: "invalid", message: expect.stringMatching(/^This share link cannot be read: /) });
  });
});

describe("createUndo()", () => {
  it("reverts the last step; a whole-draft step lapses at the next edit, a deleted rule does not", () => {
    let draft = current;
    const undo = createRoot(() => createUndo((next) => (draft = next), () => draft));
    undo.push({ label: "Imported", revert: () => current, wholeDraft: true });
    undo.edited();
    expect(undo.offer()).toBeNull();
    undo.push({ label: "Deleted", revert: (rs) => ({ ...rs, settings: { suspended: "evaluate" } }), wholeDraft: false });
    undo.edited();
    undo.undo();
    expect(draft.settings.suspended).toBe("evaluate");
    expect(undo.offer()).toBeNull();
  });
});
