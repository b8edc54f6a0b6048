/**
 * The incremental reads' watermarks and when they cannot be trusted (then a run reads
 * everything). Pure: no KV here.
 */
import * as v from "valibot";

export const WatermarkSchema = v.object({
  users: v.string(),
  groups: v.string(),
  /** the snapshot the watermarks describe: changes apply to it */
  snapshotId: v.string(),
  /** when the last full reconcile read everything */
  fullAt: v.string(),
  /** when the run that set these watermarks read Okta */
  readAt: v.string(),
});
export type Watermark = v.InferOutput<typeof WatermarkSchema>;

/**
 * Okta keeps 90 days of System Log (where hard deletes show): a gap longer than that since
 * the last read cannot be caught up by deltas. (Measured from when doorsync last read, since
 * the server watermark of a quiet org may be old without anything being missed.)
 */
export const MAX_WATERMARK_AGE_MS = 90 * 24 * 3600_000;

/** Why an incremental run cannot be trusted now (then the run reads everything), or null. */
export function needsFull(wm: Watermark | null, snapshot: { id: string } | null, nowMs: number, fullEveryMs: number): string | null {
  if (!wm) return "there is no watermark yet";
  if (!snapshot || snapshot.id !== wm.snapshotId) return "the stored directory is not the one the watermark describes";
  if (nowMs - Date.parse(wm.fullAt) >= fullEveryMs) return "the nightly full reconcile is due";
  if (nowMs - Date.parse(wm.readAt) > MAX_WATERMARK_AGE_MS) return "the last read is older than 90 days";
  return null;
}
