/** The Okta directory snapshot: model and schemas, and its compact transfer/storage form. */
export * from "./model.ts";
export { type DirectoryInput, type DirectoryTable, idsOf, recordsOf, tableOf } from "./table.ts";
export { type ColumnsBuilder, createColumnsBuilder } from "./columns.ts";
export {
  decodeDirectory,
  decodeDirectoryColumns,
  DIRECTORY_FORMAT_VERSION,
  type DirectoryDecodeError,
  directoryEtag,
  encodeDirectory,
  MAX_DIRECTORY_BYTES,
  sha256Hex,
} from "./compact.ts";
