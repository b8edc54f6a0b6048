/**
 * Password hashes: PBKDF2-SHA256 via WebCrypto, a random 16-byte salt per user, 32-byte
 * output, stored as `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`.
 */
import { fromBase64, toBase64 } from "../../shared/codecs/index.ts";
import { constantTimeEqual } from "../security/tokens.ts";

/** OWASP's 2023 floor for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 210_000;
const FORMAT = /^pbkdf2-sha256\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as Uint8Array<ArrayBuffer>, iterations },
    material,
    256,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

export function isPasswordHash(text: string): boolean {
  const m = FORMAT.exec(text);
  return m !== null && Number(m[1]) >= PBKDF2_ITERATIONS && fromBase64(m[2]) !== null && fromBase64(m[3]) !== null;
}

/** false for a wrong password or a malformed/weak stored hash */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  const salt = m && fromBase64(m[2]);
  const expected = m && fromBase64(m[3]);
  if (!m || !salt || !expected || Number(m[1]) < PBKDF2_ITERATIONS) return false;
  return constantTimeEqual(await derive(password, salt, Number(m[1])), expected);
}

/** A hash of nothing, verified when the account is unknown so both paths take as long. */
let decoy: Promise<string> | null = null;
export async function burnTime(password: string): Promise<false> {
  decoy ??= hashPassword("doorsync-decoy-password");
  await verifyPassword(password, await decoy);
  return false;
}
