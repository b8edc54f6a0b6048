/** Share links for rule sets, and the byte codecs (base64url, capped zlib) they stand on. */
export {
  decodeShareLink,
  encodeShareLink,
  tryEncodeShareLink,
  SHARE_LINK_MAX_BYTES,
  SHARE_LINK_PARAM,
  SHARE_LINK_VERSION,
  type ShareLinkError,
} from "./link.ts";
export { crc32, seal, unseal } from "./crc32.ts";
export { decodeBase64Url, encodeBase64Url } from "./base64url.ts";
export { adler32, compress, decompress, decompressExact, type CompressionLevel, type InflateError } from "./zlib.ts";
export { ByteReader, ByteWriter } from "./varint.ts";
export { fnv1a64, sha256Hex } from "./digest.ts";
