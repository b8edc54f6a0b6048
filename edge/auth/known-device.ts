/**
 * Known devices: a browser that signed in successfully gets a signed, HttpOnly cookie naming
 * a random device id and the account. Its later sign-ins to that account are limited by the
 * device's own allowance instead of the IP's and account's, which strangers can use up: a
 * flood of wrong guesses from elsewhere never locks out an admin's own browser. The cookie
 * opens no session by itself; it only chooses which attempt allowance a sign-in spends.
 *
 * Token: `<device id>.<issued at, epoch s>.<HMAC-SHA256 of v1|account|id|issued>`, all
 * base64url, with a random 32-byte key created once in KV.
 */
import * as v from "valibot";
import { keys } from "../store/keys.ts";
import { fromBase64, toBase64 } from "../../shared/codecs/index.ts";
import { randomToken } from "../security/tokens.ts";

export const DEVICE_COOKIE = "doorsync_device";
export const DEVICE_MAX_AGE_SECONDS = 180 * 24 * 3600;

const TOKEN = /^([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;
const KeyBytesSchema = v.instance(Uint8Array);

export interface KnownDevices {
  /** A fresh token for `username`'s browser, keeping the device id it already had. */
  issue(username: string, deviceId: string | null): Promise<string>;
  /** The device id when the token is genuine, unexpired and was issued for `username`; else null. */
  verify(token: string, username: string): Promise<string | null>;
}

const base64url = (bytes: Uint8Array) => toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const fromBase64url = (text: string) => fromBase64(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
const signed = (username: string, id: string, issued: number) => new TextEncoder().encode(`v1|${username.toLowerCase()}|${id}|${issued}`);

export function createKnownDevices({ kv, now }: { kv: Deno.Kv; now: () => Date }): KnownDevices {
  let hmac: Promise<CryptoKey> | null = null;

  async function loadKey(): Promise<CryptoKey> {
    for (;;) {
      const entry = await kv.get(keys.deviceKey());
      let raw: Uint8Array;
      if (entry.versionstamp !== null) {
        const parsed = v.safeParse(KeyBytesSchema, entry.value);
        if (!parsed.success || parsed.output.length !== 32) throw new Error(`stored ${keys.deviceKey().join("/")} is not a 32-byte key`);
        raw = parsed.output;
      } else {
        raw = crypto.getRandomValues(new Uint8Array(32));
        // Two processes starting at once: one key wins, the other reads it back.
        const res = await kv.atomic().check({ key: keys.deviceKey(), versionstamp: null }).set(keys.deviceKey(), raw).commit();
        if (!res.ok) continue;
      }
      return crypto.subtle.importKey("raw", raw as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    }
  }
  const key = () => (hmac ??= loadKey().catch((e) => {
    hmac = null;
    throw e;
  }));

  return {
    async issue(username, deviceId) {
      const id = deviceId ?? randomToken(16);
      const issued = Math.floor(now().getTime() / 1000);
      const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key(), signed(username, id, issued)));
      return `${id}.${issued}.${base64url(mac)}`;
    },
    async verify(token, username) {
      const m = TOKEN.exec(token);
      if (!m) return null;
      const [, id, issuedText, macText] = m;
      const issued = Number(issuedText);
      const age = now().getTime() / 1000 - issued;
      if (age < -300 || age > DEVICE_MAX_AGE_SECONDS) return null;
      const mac = fromBase64url(macText);
      if (!mac || mac.length !== 32) return null;
      const genuine = await crypto.subtle.verify("HMAC", await key(), mac as Uint8Array<ArrayBuffer>, signed(username, id, issued));
      return genuine ? id : null;
    },
  };
}
