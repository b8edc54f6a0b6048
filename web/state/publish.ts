/** Publishing the draft: a note, the version we expect to replace, and the 409 conflict path. */
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
  draft: Pick<DraftStore, "ruleSet" | "published" | "setPublishedInfo" | "reloadPublished" | "saveNow">;
  onPublished: (ruleSet: RuleSet) => void;
}) {
  const [state, setState] = createSignal<PublishState>({ phase: "idle" });
  return {
    state,
    reset: () => setState({ phase: "idle" }),
    async publish(note: string): Promise<boolean> {
      setState({ phase: "publishing" });
      const ruleSet = deps.draft.ruleSet();
      const expected = deps.draft.published()?.version ?? 0;
      const r = await deps.api.publish(note.trim(), expected, ruleSet);
      if (!r.ok) {
        setState(
          r.error.code === "conflict"
            ? {
                phase: "conflict",
                message: `Someone else published a new version after you started (you expected version ${expected}). Reload it to see what changed before publishing. ${r.error.message}`,
              }
            : { phase: "failed", message: r.error.message },
        );
        return false;
      }
      deps.draft.setPublishedInfo(r.value);
      deps.onPublished(ruleSet);
      await deps.draft.saveNow();
      setState({ phase: "published", version: r.value });
      return true;
    },
    async reload(): Promise<void> {
      await deps.draft.reloadPublished();
      setState({ phase: "idle" });
    },
  };
}
export type Publisher = ReturnType<typeof createPublisher>;
