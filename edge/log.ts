/**
 * The edge's one log format: every line is `<ISO time> <level> <event> key=value …`, one
 * event per line. Values that are not plain tokens are quoted, and every character that a
 * terminal or log viewer could take as a line break or use to disguise text (C0 and C1
 * controls, DEL, U+2028/U+2029, bidirectional overrides) is escaped, so data such as a
 * request path can never start a line of its own or forge one.
 */

export type LogLevel = "info" | "warn" | "error";
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Readonly<Record<string, LogValue>>;

export interface Log {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** Left as they are when unquoted: nothing here can break a line or look like a separator. */
const TOKEN = /^[A-Za-z0-9_.:/@+,%#~-]+$/;
// deno-lint-ignore no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"\\]/g;
const SHORT: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\" };

/** A value as it appears in a line: a plain token, or quoted with every unsafe character escaped. */
export function formatValue(value: LogValue): string {
  if (value === null || value === undefined) return "null";
  const text = String(value);
  if (TOKEN.test(text)) return text;
  const escaped = text.replace(UNSAFE, (ch) => SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `"${escaped}"`;
}

/** Keys and event names come from code, but are forced into tokens all the same. */
const tokenOf = (name: string) => name.replace(/[^A-Za-z0-9_.-]/g, "_") || "_";

export function formatLine(time: Date, level: LogLevel, event: string, fields: LogFields = {}): string {
  const parts = [time.toISOString(), level, tokenOf(event)];
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) parts.push(`${tokenOf(key)}=${formatValue(value)}`);
  }
  return parts.join(" ");
}

export function createLog(
  { write, now }: { write: (line: string, level: LogLevel) => void; now: () => Date },
): Log {
  const at = (level: LogLevel) => (event: string, fields?: LogFields) => write(formatLine(now(), level, event, fields), level);
  return { info: at("info"), warn: at("warn"), error: at("error") };
}

/** For code that must not log (the route inventory, tests that ignore the log). */
export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };
