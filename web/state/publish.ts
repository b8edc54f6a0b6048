/**
 * Publishing the draft: a note, the version we expect to replace, a required note and an
 * explicit confirmation of the count whenever anyone loses access, and the 409 conflict
 * path, whose "load theirs" really replaces the draft with the other admin's version.
 */
import { createSignal } from "solid-js";
import type { VersionInfo } from "../../shared/api/schemas.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import type { Api } from "./api.ts";
import type { DraftStore } from "./draft.ts";

export type PublishState =
  | { phase: "idle" }
  | { phase: "publishing" }
  | { phase: "published"; version: VersionInfo }
  | { phase: "conflict"; message: string }
  | { phase: "failed"; message: string };

export function createPublisher(deps: {
  api: Pick<Api, "publish">;
  draft: Pick<DraftStore, "ruleSet" | "published" | "publishedRules" | "setPublishedVersion" | "reloadPublished" | "saveNow" | "put">;
  /** how many people the draft removes access from, over all properties (vs published) */
  losses: () => number;
  onPublished: (ruleSet: RuleSet) => void;
  /** before "load theirs" replaces the draft, so the caller can offer to undo it */
  beforeReplace?: (previous: RuleSet, label: string) => void;
}) {
  const [state, setState] = createSignal<PublishState>({ phase: "idle" });
  return {
    state,
    reset: () => setState({ phase: "idle" }),
    /**
     * Publish the draft. When anyone loses access, `confirmedLosses` must equal that count
     * (the admin saw and confirmed it) and the note is required.
     */
    async publish(note: string, confirmedLosses = 0): Promise<boolean> {
      const losses = deps.losses();
      if (losses > 0 && (confirmedLosses !== losses || !note.trim())) {
        setState({
          phase: "failed",
          message: `This publication removes door access for ${losses.toLocaleString("en-US")} people: confirm it and say why in the note.`,
        });
        return false;
      }
      setState({ phase: "publishing" });
      await deps.draft.saveNow(); // the edge's draft is what we publish, so the next tab sees it
      const ruleSet = deps.draft.ruleSet();
      const expected = deps.draft.published()?.version ?? 0;
      const r = await deps.api.publish(note.trim(), expected, ruleSet);
      if (!r.ok) {
        setState(
          r.error.code === "conflict"
            ? {
              phase: "conflict",
              message: `Someone else published a new version after you started (you expected version ${expected}). ${r.error.message}`,
            }
            : { phase: "failed", message: r.error.message },
        );
        return false;
      }
      deps.draft.setPublishedVersion(r.value, ruleSet);
      deps.onPublished(ruleSet);
      await deps.draft.saveNow(); // rebase the edge's draft on the new version
      setState({ phase: "published", version: r.value });
      return true;
    },
    /** After a conflict: replace the draft with the newest published version (theirs). */
    async loadTheirs(): Promise<void> {
      const mine = deps.draft.ruleSet();
      await deps.draft.reloadPublished();
      const theirs = deps.draft.publishedRules();
      const info = deps.draft.published();
      if (!theirs || !info) {
        setState({ phase: "failed", message: "The newest published version could not be loaded; try again." });
        return;
      }
      deps.beforeReplace?.(mine, `Loaded version ${info.version} by ${info.publishedBy} over your draft`);
      await deps.draft.put(structuredClone(theirs), info.version);
      setState({ phase: "idle" });
    },
    /** After a conflict: keep my draft, now compared with (and based on) the newest version. */
    async keepMine(): Promise<void> {
      await deps.draft.reloadPublished();
      const info = deps.draft.published();
      if (info) await deps.draft.put(deps.draft.ruleSet(), info.version);
      setState({ phase: "idle" });
    },
  };
}
export type Publisher = ReturnType<typeof createPublisher>;
