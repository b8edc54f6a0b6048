/**
 * zlib (RFC 1950) with the two checks untrusted input needs and fflate's one-shot API does not
 * give: a hard cap on the inflated size, enforced while inflating (input is fed in small
 * slices and inflation stops as soon as the cap is passed, so a zip bomb costs at most the cap
 * plus one slice's expansion), and the Adler-32 trailer, so truncation and tampering are caught.
 */
import { Inflate, inflateSync, zlibSync } from "fflate";

export function adler32(bytes: Uint8Array): number {
  let a = 1, b = 0;
  const n = bytes.length;
  for (let i = 0; i < n;) {
    // reduce every 3800 bytes: the sums stay far below 2^53, so they are exact
    const end = Math.min(i + 3800, n);
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export type CompressionLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export const compress = (bytes: Uint8Array, level: CompressionLevel = 9): Uint8Array => zlibSync(bytes, { level });

const trailer = (data: Uint8Array): number => {
  const t = data.length - 4;
  return ((data[t] << 24) | (data[t + 1] << 16) | (data[t + 2] << 8) | data[t + 3]) >>> 0;
};

/** deflate, window ≤ 32 KiB, header checksum, no preset dictionary */
const zlibHeaderOk = (data: Uint8Array): boolean => {
  const [cmf, flg] = data;
  return data.length >= 6 && (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0 && !(flg & 0x20);
};

/**
 * Inflate a zlib stream whose inflated size is known up front (stored beside it): one
 * exact-size allocation, no copies. A stream that inflates to more or fewer bytes, or whose
 * Adler-32 does not match, is "malformed". (Writes past the buffer are dropped by the typed
 * array, so an overlong stream costs CPU in proportion to its size, never memory.)
 */
export function decompressExact(data: Uint8Array, size: number): Uint8Array | null {
  if (!zlibHeaderOk(data)) return null;
  const out = new Uint8Array(size);
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(data.subarray(2, data.length - 4), { out });
  } catch {
    return null;
  }
  if (inflated.length !== size || adler32(out) !== trailer(data)) return null;
  return out;
}

export type InflateError = "malformed" | "too-large";

/**
 * Inflate and verify a zlib stream of at most `maxBytes` inflated bytes. `slice` is how much
 * input is inflated at a time: deflate expands at most ~1032×, so the default 128 bytes
 * overshoot the cap by at most ~130 KiB; large trusted-ish payloads may pass a bigger slice.
 */
export function decompress(
  data: Uint8Array,
  maxBytes: number,
  slice = 128,
): { ok: true; bytes: Uint8Array } | { ok: false; code: InflateError } {
  if (!zlibHeaderOk(data)) return { ok: false, code: "malformed" };
  const body = data.subarray(2, data.length - 4);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    chunks.push(chunk);
    total += chunk.length;
    if (final) done = true;
  });
  try {
    for (let i = 0; i < body.length && total <= maxBytes; i += slice) {
      const end = Math.min(i + slice, body.length);
      inflater.push(body.subarray(i, end), end === body.length);
    }
  } catch {
    return { ok: false, code: "malformed" };
  }
  if (total > maxBytes) return { ok: false, code: "too-large" };
  if (!done) return { ok: false, code: "malformed" };
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  if (adler32(out) !== trailer(data)) return { ok: false, code: "malformed" };
  return { ok: true, bytes: out };
}
