/** Byte codecs used by share links, the compact directory and the edge's stores: pure, synchronous where they can be. */
export { crc32, seal, unseal } from "./crc32.ts";
export { decodeBase64Url, encodeBase64Url } from "./base64url.ts";
export { fromBase64, toBase64, toHex } from "./base64.ts";
export { adler32, compress, type CompressionLevel, decompress, decompressExact, type InflateError } from "./zlib.ts";
export { ByteReader, ByteWriter } from "./varint.ts";
export { fnv1a64, sha256Hex } from "./digest.ts";
