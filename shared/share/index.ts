/** Share links for rule sets (the byte codecs they stand on are in shared/codecs). */
export {
  decodeShareLink,
  encodeShareLink,
  SHARE_LINK_MAX_BYTES,
  SHARE_LINK_PARAM,
  SHARE_LINK_VERSION,
  type ShareLinkError,
  tryEncodeShareLink,
} from "./link.ts";
