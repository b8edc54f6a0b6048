/**
 * Local installs without DOORSYNC_SECRET_KEY: the key lives in a file next to the KV
 * database, created once with mode 0600. (Deno APIs: used by the entry file only.)
 */
import { generateSecretKey } from "./secrets.ts";

export async function loadOrCreateSecretKey(path: string): Promise<{ key: string; created: boolean }> {
  try {
    const key = (await Deno.readTextFile(path)).trim();
    return { key, created: false };
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".";
  if (dir) await Deno.mkdir(dir, { recursive: true });
  const key = generateSecretKey();
  // createNew: never overwrite a key another process just wrote (that would orphan secrets).
  await Deno.writeTextFile(path, key + "\n", { mode: 0o600, createNew: true });
  await Deno.chmod(path, 0o600);
  return { key, created: true };
}
