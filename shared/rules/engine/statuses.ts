/** Users by Okta status over a compiled directory, as a bitset. */
import type { OktaStatus } from "../../directory/model.ts";
import { type CompiledDirectory, STATUS_CODE } from "./compile.ts";
import { type Bits, emptyBits } from "./bitset.ts";

/** Users whose status is one of `statuses`, built a word at a time. */
export function usersWithStatus(dir: CompiledDirectory, statuses: readonly OktaStatus[]): Bits {
  const wanted = new Int32Array(8);
  for (const s of statuses) wanted[STATUS_CODE[s]] = 1;
  const { status, size } = dir;
  const bits = emptyBits(size);
  for (let w = 0, u = 0; w < bits.length; w++) {
    let word = 0;
    for (let b = 0; b < 32 && u < size; b++, u++) word |= wanted[status[u]] << b;
    bits[w] = word;
  }
  return bits;
}
