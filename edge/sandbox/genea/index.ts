export { createGeneaSandbox, type GeneaSandbox, type GeneaSandboxOptions } from "./app.ts";
export type { GeneaStore } from "./store.ts";
