/**
 * A whole organisation's identity ledger in memory, compactly: a full run of a 500,000-user
 * org holds every entry through plan and apply, and as objects they cost ~480 bytes each
 * (~240 MB, half of Deno Deploy's heap). Here each entry is one short JSON row by Okta id,
 * its granted locations as indexes into one table of location uuids (~270 bytes an entry);
 * get() decodes the entry asked for.
 */
import type { Ledger, LedgerEntry } from "../../shared/plan/index.ts";

/** [geneaUuid, via, linkedAt, location indexes, mobile key uuids, wallet, deactivatedAt] */
type Row = [string, LedgerEntry["via"], string, number[], string[], 0 | 1, string | null];

export class LedgerMap implements Ledger {
  readonly #rows = new Map<string, string>();
  readonly #places: string[] = [];
  readonly #placeIndex = new Map<string, number>();

  constructor(entries: Iterable<LedgerEntry> = []) {
    for (const e of entries) this.set(e);
  }

  get size(): number {
    return this.#rows.size;
  }

  has(oktaId: string): boolean {
    return this.#rows.has(oktaId);
  }

  get(oktaId: string): LedgerEntry | undefined {
    const row = this.#rows.get(oktaId);
    return row === undefined ? undefined : this.#decode(oktaId, row);
  }

  set(e: LedgerEntry): this {
    const g = e.granted;
    const row: Row = [
      e.geneaUuid,
      e.via,
      e.linkedAt,
      g.locations.map((l) => this.#place(l)),
      g.mobileKeys,
      g.wallet ? 1 : 0,
      e.deactivatedAt,
    ];
    this.#rows.set(e.oktaId, JSON.stringify(row));
    return this;
  }

  *values(): IterableIterator<LedgerEntry> {
    for (const [oktaId, row] of this.#rows) yield this.#decode(oktaId, row);
  }

  #place(uuid: string): number {
    let i = this.#placeIndex.get(uuid);
    if (i === undefined) this.#placeIndex.set(uuid, i = this.#places.push(uuid) - 1);
    return i;
  }

  #decode(oktaId: string, text: string): LedgerEntry {
    const [geneaUuid, via, linkedAt, places, mobileKeys, wallet, deactivatedAt]: Row = JSON.parse(text);
    return {
      oktaId,
      geneaUuid,
      via,
      linkedAt,
      granted: { locations: places.map((i) => this.#places[i]), mobileKeys, wallet: wallet === 1 },
      deactivatedAt,
    };
  }
}
