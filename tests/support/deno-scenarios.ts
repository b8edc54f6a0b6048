/**
 * For code that needs Deno KV: a `*.deno.ts` script runs its scenarios under Deno and prints
 * one JSON line `{"name", "value"}` per scenario; the vitest side reads them back and states
 * what each value must be. `scenarios(script)` registers the run (beforeAll) and answers the
 * lookup, which fails the test when its scenario did not run.
 */
import { beforeAll, expect } from "vitest";
import { runDenoScript } from "./edge-process.ts";

export function scenarios(script: string): (name: string) => unknown {
  let results = new Map<string, unknown>();
  beforeAll(() => {
    results = new Map(
      runDenoScript(script).trim().split("\n").map((line) => {
        const { name, value } = JSON.parse(line);
        return [name, value];
      }),
    );
  }, 60_000);
  return (name) => {
    expect(results.has(name), `scenario "${name}" ran`).toBe(true);
    return results.get(name);
  };
}
