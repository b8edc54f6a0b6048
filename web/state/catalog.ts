/**
 * The Genea catalog the rules refer to (locations, access groups, roles): read from the edge
 * and kept in IndexedDB, so the editor still names things offline.
 */
import { createSignal } from "solid-js";
import { type Catalog, CatalogSchema } from "../../shared/genea/model.ts";
import type { Cache } from "../storage/cache.ts";
import type { Api } from "./api.ts";

export interface CatalogDeps {
  api: Pick<Api, "catalog">;
  cache: Pick<Cache, "readSetting" | "writeSetting">;
}

export function createCatalog(deps: CatalogDeps) {
  const [current, setCurrent] = createSignal<Catalog | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  return {
    /** null until loaded (and when neither the edge nor the cache has one) */
    current,
    /** why there is no catalog: the edge's answer, when the cache had none either */
    error,
    async load(): Promise<void> {
      const r = await deps.api.catalog();
      if (r.ok) {
        setCurrent(r.value);
        setError(null);
        await deps.cache.writeSetting("catalog", r.value);
        return;
      }
      setCurrent(await deps.cache.readSetting("catalog", CatalogSchema));
      setError(current() ? null : r.error.message);
    },
  };
}
export type CatalogStore = ReturnType<typeof createCatalog>;
