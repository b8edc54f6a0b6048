/** Start the simulation worker and wrap it with comlink. The only place a Worker is made. */
import * as Comlink from "comlink";
import type { SimulationApi, SimulationClient } from "./contract.ts";

export function startSimulationWorker(): { client: SimulationClient; stop(): void } {
  const worker = new Worker(new URL("./simulation.worker.ts", import.meta.url), { type: "module", name: "simulation" });
  const remote = Comlink.wrap<SimulationApi>(worker);
  return { client: remote as unknown as SimulationClient, stop: () => worker.terminate() };
}
