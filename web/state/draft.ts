/**
 * The draft rule set being edited, the published version it started from, and the Genea
 * catalog it refers to. Every edit is written to IndexedDB at once (so nothing is lost on a
 * crash or offline), saved to the edge debounced, and re-simulated.
 */
import { createSignal } from "solid-js";
import { CatalogSchema, type Catalog } from "../../shared/genea/model.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import { emptyRuleSet } from "../../shared/rules/model.ts";
import { parseRuleSet } from "../../shared/rules/parse.ts";
import type { VersionInfo } from "../../shared/api/schemas.ts";
import type { Cache } from "../storage/cache.ts";
import type { Api } from "./api.ts";

export type SaveState = "saved" | "saving" | "pending" | "offline" | "failed";

export interface DraftDeps {
  api: Pick<Api, "draft" | "saveDraft" | "versions" | "version" | "catalog">;
  cache: Pick<Cache, "readDraft" | "writeDraft" | "readSetting" | "writeSetting">;
  onChange: (ruleSet: RuleSet) => void;
  onPublished?: (ruleSet: RuleSet | null) => void;
  now?: () => Date;
  saveDelayMs?: number;
}

export function createDraft(deps: DraftDeps) {
  const now = deps.now ?? (() => new Date());
  const [ruleSet, setRuleSet] = createSignal<RuleSet>(emptyRuleSet());
  const [baseVersion, setBaseVersion] = createSignal(0);
  const [published, setPublished] = createSignal<VersionInfo | null>(null);
  const [catalog, setCatalog] = createSignal<Catalog | null>(null);
  const [saveState, setSaveState] = createSignal<SaveState>("saved");
  const [error, setError] = createSignal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function saveNow(): Promise<boolean> {
    clearTimeout(timer);
    setSaveState("saving");
    const r = await deps.api.saveDraft(ruleSet(), baseVersion());
    if (!r.ok) {
      setSaveState(r.error.code === "offline" ? "offline" : "failed");
      setError(r.error.message);
      return false;
    }
    setError(null);
    setSaveState("saved");
    await deps.cache.writeDraft({ ruleSet: ruleSet(), baseVersion: baseVersion(), savedAt: now().toISOString(), unsynced: false });
    return true;
  }

  async function loadPublished(): Promise<void> {
    const versions = await deps.api.versions();
    if (!versions.ok) return;
    const latest = versions.value.reduce<VersionInfo | null>((a, b) => (!a || b.version > a.version ? b : a), null);
    setPublished(latest);
    if (!latest) return deps.onPublished?.(null);
    const full = await deps.api.version(latest.version);
    if (full.ok) deps.onPublished?.(full.value.ruleSet);
  }

  async function loadCatalog(): Promise<void> {
    const r = await deps.api.catalog();
    if (r.ok) {
      setCatalog(r.value);
      await deps.cache.writeSetting("catalog", r.value);
    } else {
      setCatalog(await deps.cache.readSetting("catalog", CatalogSchema));
      if (!catalog()) setError(r.error.message);
    }
  }

  /** A local draft the edge never acknowledged wins over the edge's copy. */
  async function loadDraft(): Promise<void> {
    const local = await deps.cache.readDraft();
    const localSet = local.ok && local.value ? parseRuleSet(local.value.ruleSet) : null;
    if (local.ok && local.value?.unsynced && localSet?.ok) {
      setRuleSet(localSet.value);
      setBaseVersion(local.value.baseVersion);
      setSaveState("pending");
      void saveNow();
      return;
    }
    const remote = await deps.api.draft();
    if (remote.ok) {
      setRuleSet(remote.value.ruleSet);
      setBaseVersion(remote.value.baseVersion);
    } else if (localSet?.ok && local.ok && local.value) {
      setRuleSet(localSet.value);
      setBaseVersion(local.value.baseVersion);
      setSaveState(remote.error.code === "offline" ? "offline" : "failed");
    } else if (remote.error.code !== "not-found") {
      setError(remote.error.message);
    }
  }

  return {
    ruleSet,
    baseVersion,
    published,
    catalog,
    saveState,
    error,
    async load(): Promise<void> {
      await Promise.all([loadCatalog(), loadDraft(), loadPublished()]);
      deps.onChange(ruleSet());
    },
    /** Apply an edit: local copy first, then simulation, then a debounced edge save. */
    edit(next: RuleSet): void {
      setRuleSet(next);
      setSaveState("pending");
      deps.onChange(next);
      void deps.cache.writeDraft({ ruleSet: next, baseVersion: baseVersion(), savedAt: now().toISOString(), unsynced: true });
      clearTimeout(timer);
      timer = setTimeout(() => void saveNow(), deps.saveDelayMs ?? 800);
    },
    /** Replace the draft wholesale (after an import or a reload) without an edge save. */
    replace(next: RuleSet, base: number): void {
      clearTimeout(timer);
      setRuleSet(next);
      setBaseVersion(base);
      setSaveState("saved");
      deps.onChange(next);
      void deps.cache.writeDraft({ ruleSet: next, baseVersion: base, savedAt: now().toISOString(), unsynced: false });
    },
    saveNow,
    /** After a conflict: fetch the newest published version and rebase the draft on it. */
    async reloadPublished(): Promise<void> {
      await loadPublished();
      const latest = published();
      if (latest) setBaseVersion(latest.version);
    },
    setPublishedInfo(info: VersionInfo) {
      setPublished(info);
      setBaseVersion(info.version);
    },
  };
}
export type DraftStore = ReturnType<typeof createDraft>;
