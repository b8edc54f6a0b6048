/** The Okta directory snapshot: model and schemas, and its compact transfer/storage form. */
export * from "./model.ts";
export {
  decodeDirectory,
  DIRECTORY_FORMAT_VERSION,
  type DirectoryDecodeError,
  directoryEtag,
  encodeDirectory,
  MAX_DIRECTORY_BYTES,
  sha256Hex,
} from "./compact.ts";
