/**
 * CRC-32 (IEEE 802.3, as in zip/PNG): catches every burst error up to 32 bits long, so any
 * changed character of a link or byte of a snapshot, and any truncation, is detected.
 */
const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c >>> 0;
}

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** `bytes` followed by their CRC-32. */
export function seal(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 4);
  out.set(bytes);
  new DataView(out.buffer).setUint32(bytes.length, crc32(bytes));
  return out;
}

/** The bytes before a matching CRC-32, or null. */
export function unseal(sealed: Uint8Array): Uint8Array | null {
  if (sealed.length < 4) return null;
  const bytes = sealed.subarray(0, sealed.length - 4);
  const view = new DataView(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  return view.getUint32(bytes.length) === crc32(bytes) ? bytes : null;
}
