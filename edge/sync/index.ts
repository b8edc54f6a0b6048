/** The authoritative sync to Genea (see run.ts for the state machine, service.ts for its API). */
export { createSyncService, percentOf, type SyncService, type StartRefusal, type DecisionFailure } from "./service.ts";
export { csvHeader, csvRow } from "./audit.ts";
