/**
 * Prints a DOORSYNC_ADMIN_PASSWORD_HASH value. Reads the password from stdin so it never
 * lands in shell history: `deno task hash-password` (or `npx deno run edge/auth/hash-password.ts`).
 */
import { hashPassword } from "./password.ts";

const text = new TextDecoder().decode(await new Response(Deno.stdin.readable).arrayBuffer());
const password = text.replace(/\r?\n$/, "");
if (password.length < 12) {
  console.error("Use a password of at least 12 characters (type it, then press Ctrl-D).");
  Deno.exit(1);
}
console.log(await hashPassword(password));
