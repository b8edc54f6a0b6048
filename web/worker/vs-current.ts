/**
 * Draft vs what Genea holds now, per property, from the shared planner: location adds
 * (including new users' first locations), removals, and role / access-group changes (one per
changed user_location).
 */
import { plan, type PlanInput, summarisePlan } from "../../shared/plan/index.ts";
import type { VsCurrent } from "./contract.ts";

export function vsCurrentByProperty(input: PlanInput): Record<string, VsCurrent> {
  const summary = summarisePlan(plan(input));
  const out: Record<string, VsCurrent> = {};
  for (const [uuid, k] of Object.entries(summary.byProperty)) {
    out[uuid] = { adds: k.addLocation + k.createUser, removes: k.removeLocation, changes: k.updateLocation };
  }
  return out;
}
