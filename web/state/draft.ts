/**
 * The draft rule set being edited, the edge's draft revision it edits, and the published
 * version (info and rules) it started from (the catalog it refers to is catalog.ts). Every edit is
 * written to IndexedDB at once (nothing is lost on a crash or offline) and saved to the edge
 * debounced. Saves are serialised: never two in flight, and each names the revision the
 * previous one produced. A save the edge refuses because another tab saved first stops
 * saving and offers the choice: reload theirs, or keep mine (save over theirs).
 */
import { createSignal } from "solid-js";
import type { DraftConflict, VersionInfo } from "../../shared/api/schemas.ts";
import { canonicalJson } from "../../shared/canonical-json.ts";
import { emptyRuleSet, type RuleSet } from "../../shared/rules/model.ts";
import { parseRuleSet } from "../../shared/rules/parse.ts";
import type { Cache } from "../storage/cache.ts";
import { type Api, draftConflictOf } from "./api.ts";

export type SaveState = "saved" | "saving" | "pending" | "offline" | "failed" | "conflict";

export interface DraftDeps {
  api: Pick<Api, "draft" | "saveDraft" | "versions" | "version">;
  cache: Pick<Cache, "readDraft" | "writeDraft">;
  onChange: (ruleSet: RuleSet) => void;
  onPublished?: (ruleSet: RuleSet | null) => void;
  now?: () => Date;
  saveDelayMs?: number;
}

export function createDraft(deps: DraftDeps) {
  const now = deps.now ?? (() => new Date());
  const [ruleSet, setRuleSet] = createSignal<RuleSet>(emptyRuleSet());
  const [baseVersion, setBaseVersion] = createSignal(0);
  const [revision, setRevision] = createSignal(0);
  const [published, setPublished] = createSignal<VersionInfo | null>(null);
  const [publishedRules, setPublishedRules] = createSignal<RuleSet | null>(null);
  const [saveState, setSaveState] = createSignal<SaveState>("saved");
  const [error, setError] = createSignal<string | null>(null);
  const [conflict, setConflict] = createSignal<DraftConflict | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<boolean> | null = null;
  let dirty = false;

  const keepLocally = (unsynced: boolean) =>
    deps.cache.writeDraft({ ruleSet: ruleSet(), baseVersion: baseVersion(), revision: revision(), savedAt: now().toISOString(), unsynced });

  /** One save of the current draft against the current revision. */
  async function saveOnce(): Promise<boolean> {
    dirty = false;
    setSaveState("saving");
    const r = await deps.api.saveDraft(ruleSet(), baseVersion(), revision());
    if (!r.ok) {
      dirty = true;
      const other = draftConflictOf(r.error);
      if (other) {
        setConflict(other);
        setSaveState("conflict");
        setError(null);
      } else {
        setSaveState(r.error.code === "offline" ? "offline" : "failed");
        setError(r.error.message);
      }
      return false;
    }
    setRevision(r.value.revision);
    setError(null);
    if (dirty) return true; // edited while saving: the loop saves again
    setSaveState("saved");
    await keepLocally(false);
    return true;
  }

  /** Save until the edge holds the latest edit; callers share the one loop in flight. */
  function saveNow(): Promise<boolean> {
    clearTimeout(timer);
    if (conflict()) return Promise.resolve(false);
    dirty = true;
    inFlight ??= (async () => {
      let okay = true;
      while (dirty && okay && !conflict()) okay = await saveOnce();
      inFlight = null;
      return okay;
    })();
    return inFlight;
  }

  async function loadPublished(): Promise<void> {
    const versions = await deps.api.versions();
    if (!versions.ok) return;
    const latest = versions.value.reduce<VersionInfo | null>((a, b) => (!a || b.version > a.version ? b : a), null);
    setPublished(latest);
    if (!latest) {
      setPublishedRules(null);
      return deps.onPublished?.(null);
    }
    const full = await deps.api.version(latest.version);
    if (full.ok) {
      setPublishedRules(full.value.ruleSet);
      deps.onPublished?.(full.value.ruleSet);
    }
  }

  /** The edge's draft, as it is now. */
  async function loadRemote(): Promise<boolean> {
    const remote = await deps.api.draft();
    if (!remote.ok) return false;
    setRuleSet(remote.value.ruleSet);
    setBaseVersion(remote.value.baseVersion);
    setRevision(remote.value.revision);
    return true;
  }

  /** A local draft the edge never acknowledged wins over the edge's copy (saved against its revision). */
  async function loadDraft(): Promise<void> {
    const local = await deps.cache.readDraft();
    const stored = local.ok ? local.value : null;
    const localSet = stored ? parseRuleSet(stored.ruleSet) : null;
    if (stored?.unsynced && localSet?.ok) {
      setRuleSet(localSet.value);
      setBaseVersion(stored.baseVersion);
      setRevision(stored.revision ?? 0);
      setSaveState("pending");
      void saveNow();
      return;
    }
    const remote = await deps.api.draft();
    if (remote.ok) {
      setRuleSet(remote.value.ruleSet);
      setBaseVersion(remote.value.baseVersion);
      setRevision(remote.value.revision);
    } else if (stored && localSet?.ok) {
      setRuleSet(localSet.value);
      setBaseVersion(stored.baseVersion);
      setRevision(stored.revision ?? 0);
      setSaveState(remote.error.code === "offline" ? "offline" : "failed");
    } else if (remote.error.code !== "not-found") {
      setError(remote.error.message);
    }
  }

  /** Replace the draft wholesale and save it (a reload, discard, import or undo). */
  function put(next: RuleSet, base = baseVersion()): Promise<boolean> {
    setRuleSet(next);
    setBaseVersion(base);
    setSaveState("pending");
    deps.onChange(next);
    void keepLocally(true);
    return saveNow();
  }

  return {
    ruleSet,
    baseVersion,
    revision,
    published,
    /** the published version's rules; null when nothing is published (or not loaded yet) */
    publishedRules,
    saveState,
    error,
    /** set while the edge refused a save because another tab saved first */
    conflict,
    /** the draft differs from the published rules (anything at all, when nothing is published) */
    hasUnpublishedChanges: () => canonicalJson(ruleSet()) !== canonicalJson(publishedRules() ?? emptyRuleSet()),
    async load(): Promise<void> {
      await Promise.all([loadDraft(), loadPublished()]);
      deps.onChange(ruleSet());
    },
    /** Apply an edit: local copy first, then simulation, then a debounced, serialised edge save. */
    edit(next: RuleSet): void {
      dirty = true;
      setRuleSet(next);
      setSaveState(conflict() ? "conflict" : "pending");
      deps.onChange(next);
      void keepLocally(true);
      clearTimeout(timer);
      if (!conflict()) timer = setTimeout(() => void saveNow(), deps.saveDelayMs ?? 800);
    },
    put,
    saveNow,
    /** Conflict choice 1: take the other tab's draft (the caller may offer to undo). */
    async reloadTheirs(): Promise<boolean> {
      clearTimeout(timer);
      if (!(await loadRemote())) return false;
      setConflict(null);
      setSaveState("saved");
      dirty = false;
      deps.onChange(ruleSet());
      await keepLocally(false);
      return true;
    },
    /** Conflict choice 2: save this draft over theirs, knowingly (against their revision). */
    keepMine(): Promise<boolean> {
      const c = conflict();
      if (c) setRevision(c.revision);
      setConflict(null);
      return saveNow();
    },
    /** Throw the draft away: back to the published rules (or none), saved to the edge. */
    discard(): Promise<boolean> {
      return put(structuredClone(publishedRules() ?? emptyRuleSet()), published()?.version ?? 0);
    },
    /** Fetch the newest published version (info and rules) from the edge. */
    reloadPublished: loadPublished,
    /** A version this tab just published or rolled back to. */
    setPublishedVersion(info: VersionInfo, rules: RuleSet) {
      setPublished(info);
      setPublishedRules(rules);
      setBaseVersion(info.version);
    },
  };
}
export type DraftStore = ReturnType<typeof createDraft>;
