/** The authoritative sync to Genea (see run.ts for the state machine, service.ts for its API). */
export { createSyncService, type DecisionFailure, percentOf, type StartRefusal, type SyncService } from "./service.ts";
export { csvHeader, csvRow } from "./audit.ts";
