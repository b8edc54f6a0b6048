/** The Okta directory snapshot: model and schemas, and its compact transfer/storage form. */
export * from "./model.ts";
export {
  decodeDirectory,
  encodeDirectory,
  directoryEtag,
  sha256Hex,
  DIRECTORY_FORMAT_VERSION,
  MAX_DIRECTORY_BYTES,
  type DirectoryDecodeError,
} from "./compact.ts";
