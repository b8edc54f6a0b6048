/**
 * Secrets at rest: AES-256-GCM with a random 96-bit IV per write and the KV key as
 * additional authenticated data, so a ciphertext copied to another key fails to decrypt.
 */
import * as v from "valibot";
import { fromBase64, toBase64 } from "../../shared/codecs/index.ts";
import type { Key } from "./keys.ts";

export const SealedSchema = v.strictObject({
  alg: v.literal("A256GCM"),
  iv: v.string(),
  data: v.string(),
});
export type Sealed = v.InferOutput<typeof SealedSchema>;

export interface SecretBox {
  seal(key: Key, plaintext: string): Promise<Sealed>;
  /** throws when the ciphertext was tampered with or sealed under another key */
  open(key: Key, sealed: Sealed): Promise<string>;
}

const aad = (key: Key) => new TextEncoder().encode(JSON.stringify(key));

/** `secretKey` is 32 bytes in base64. */
export async function createSecretBox(secretKey: string): Promise<SecretBox> {
  const raw = fromBase64(secretKey);
  if (!raw || raw.length !== 32) throw new Error("DOORSYNC_SECRET_KEY must be 32 bytes in base64");
  const cryptoKey = await crypto.subtle.importKey("raw", raw as Uint8Array<ArrayBuffer>, "AES-GCM", false, ["encrypt", "decrypt"]);
  return {
    async seal(key, plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: aad(key) },
        cryptoKey,
        new TextEncoder().encode(plaintext),
      );
      return { alg: "A256GCM", iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
    },
    async open(key, sealed) {
      const iv = fromBase64(sealed.iv);
      const data = fromBase64(sealed.data);
      if (!iv || !data) throw new Error(`sealed secret at ${key.join("/")} is not base64`);
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: iv as Uint8Array<ArrayBuffer>, additionalData: aad(key) },
        cryptoKey,
        data as Uint8Array<ArrayBuffer>,
      );
      return new TextDecoder().decode(plain);
    },
  };
}

export const generateSecretKey = (): string => toBase64(crypto.getRandomValues(new Uint8Array(32)));
