/**
 * The identity ledger: which Genea user each Okta user is, for every user doorsync created
 * or linked, and what doorsync granted them. The Okta user id is the anchor (emails change);
 * email is used only to link an Okta user the ledger does not know yet. The edge stores one
 * entry per Okta user; plan() reads it (pure) and says which links to record.
 */
import * as v from "valibot";

export const LedgerEntrySchema = v.object({
  oktaId: v.string(),
  geneaUuid: v.string(),
  /** created: doorsync created the Genea user; email: linked to an existing one by email;
   * relinked: a re-hire (new Okta id, same email) took over a deactivated user */
  via: v.picklist(["created", "email", "relinked"]),
  linkedAt: v.string(),
  /** what doorsync granted and believes the user holds (updated after every write) */
  granted: v.object({
    locations: v.array(v.string()),
    mobileKeys: v.array(v.string()),
    wallet: v.boolean(),
  }),
  /** set when doorsync deactivated the Genea user (a confirmed leaver) */
  deactivatedAt: v.nullable(v.string()),
});
export type LedgerEntry = v.InferOutput<typeof LedgerEntrySchema>;

/** By Okta user id: a Map, or any store that answers the same reads (the edge keeps a compact one). */
export interface Ledger {
  get(oktaId: string): LedgerEntry | undefined;
  has(oktaId: string): boolean;
  values(): Iterable<LedgerEntry>;
  readonly size: number;
}

/** A link plan() asks the sync to record (even when no Genea write is needed). */
export interface LedgerLink {
  oktaId: string;
  geneaUuid: string;
  via: "email" | "relinked";
  /** relinked: the Okta user the Genea user belonged to before */
  previousOktaId: string | null;
}

/**
 * Why a ledger user is missing from a complete Okta read, as the edge confirmed it with
 * GET /api/v1/users/{id}: "deleted" (404 or DEPROVISIONED: revoke, then deactivate) or
 * "out-of-scope" (still in Okta, e.g. unassigned from the app; or unconfirmed: revoke only).
 */
export type AbsentStatus = "deleted" | "out-of-scope";

export const emptyGrant = (): LedgerEntry["granted"] => ({ locations: [], mobileKeys: [], wallet: false });
