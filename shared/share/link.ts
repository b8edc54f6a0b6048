/**
 * Share links: a rule set carried in a URL fragment,
 * `#rules=v1.<base64url(zlib(JSON) ‖ CRC-32 of the zlib bytes, big-endian)>`.
 * Fragments never reach a server's logs. A rule set holds only ids and values, never user
 * data. The CRC-32 catches every changed character and every truncation (deflate ignores some
 * bits, e.g. final padding, so zlib's own Adler-32 of the content alone would not), and the
 * Adler-32 is checked too. Inflation is capped, so a crafted link cannot allocate more than
 * SHARE_LINK_MAX_BYTES (plus a small working slice).
 */
import { fail, ok, type Result } from "../result.ts";
import { type RuleSet, RULESET_SCHEMA_VERSION } from "../rules/model.ts";
import { parseRuleSet } from "../rules/parse.ts";
import { compress, decodeBase64Url, decompress, encodeBase64Url, seal, unseal } from "../codecs/index.ts";

export const SHARE_LINK_VERSION = 1;
/** Largest rule set JSON a link may carry (decoded), in bytes. */
export const SHARE_LINK_MAX_BYTES = 64 * 1024;
export const SHARE_LINK_PARAM = "rules";

export type ShareLinkError = "malformed" | "too-large" | "future-version" | "invalid";

/** Even stored (incompressible) zlib of the largest payload fits in this many base64url chars. */
const MAX_PAYLOAD_CHARS = Math.ceil(((SHARE_LINK_MAX_BYTES + 1024 + 4) * 4) / 3);

/** A share link for `ruleSet`, or "too-large" when its JSON exceeds SHARE_LINK_MAX_BYTES. */
export function tryEncodeShareLink(ruleSet: RuleSet, baseUrl = ""): Result<string, "too-large"> {
  const json = new TextEncoder().encode(JSON.stringify(ruleSet));
  if (json.length > SHARE_LINK_MAX_BYTES) {
    return fail("too-large", `The rule set is ${json.length} bytes; share links carry at most ${SHARE_LINK_MAX_BYTES}`);
  }
  const base = baseUrl.split("#")[0];
  return ok(`${base}#${SHARE_LINK_PARAM}=v${SHARE_LINK_VERSION}.${encodeBase64Url(seal(compress(json)))}`);
}

/** As tryEncodeShareLink; throws for rule sets over the size limit (check first when unsure). */
export function encodeShareLink(ruleSet: RuleSet, baseUrl = ""): string {
  const link = tryEncodeShareLink(ruleSet, baseUrl);
  if (!link.ok) throw new RangeError(link.error.message);
  return link.value;
}

const NOT_A_LINK = "This is not a doorsync rules link";

/** The `rules=` value from a full link, a `#fragment` or a bare `rules=…`. */
function payloadOf(input: string): string | null {
  const text = input.trim();
  const hash = text.indexOf("#");
  const fragment = hash >= 0 ? text.slice(hash + 1) : text;
  for (const part of fragment.split("&")) {
    if (part.startsWith(`${SHARE_LINK_PARAM}=`)) return part.slice(SHARE_LINK_PARAM.length + 1);
  }
  return null;
}

export function decodeShareLink(linkOrFragment: string): Result<RuleSet, ShareLinkError> {
  const payload = payloadOf(linkOrFragment);
  const versioned = payload === null ? null : /^v([1-9][0-9]{0,5})\.(.*)$/s.exec(payload);
  if (!versioned) return fail("malformed", `${NOT_A_LINK} (expected #${SHARE_LINK_PARAM}=v1.…)`);
  const version = Number(versioned[1]);
  if (version > SHARE_LINK_VERSION) {
    return fail("future-version", `This link was made by a newer doorsync (link format v${version}); update doorsync to open it`);
  }
  const data = versioned[2];
  if (data.length > MAX_PAYLOAD_CHARS) {
    return fail("too-large", `The link is ${data.length} characters; a rules link carries at most ${SHARE_LINK_MAX_BYTES} bytes`);
  }
  const sealed = decodeBase64Url(data);
  if (!sealed) return fail("malformed", `${NOT_A_LINK}: it is cut short or contains characters a link cannot`);
  const bytes = unseal(sealed);
  if (!bytes) return fail("malformed", "The link is damaged: it was cut short or changed (checksum mismatch)");
  const inflated = decompress(bytes, SHARE_LINK_MAX_BYTES);
  if (!inflated.ok) {
    return inflated.code === "too-large"
      ? fail("too-large", `The link's rule set is over ${SHARE_LINK_MAX_BYTES} bytes`)
      : fail("malformed", "The link is damaged: it was cut short or changed (checksum or compression error)");
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(inflated.bytes));
  } catch {
    return fail("malformed", "The link is damaged: its content is not JSON text");
  }
  const schemaVersion = typeof json === "object" && json !== null && "schemaVersion" in json ? json.schemaVersion : undefined;
  if (typeof schemaVersion === "number" && schemaVersion > RULESET_SCHEMA_VERSION) {
    return fail("future-version", `This link holds a rule set made by a newer doorsync (schema v${schemaVersion})`);
  }
  return parseRuleSet(json);
}
