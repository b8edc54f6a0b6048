/**
 * Local installs without DOORSYNC_SECRET_KEY: the key lives in a file next to the KV
 * database, created once with mode 0600 (its directory 0700 when created here; an existing
 * key file readable by others is tightened). (Deno APIs: used by the entry file only.)
 */
import { generateSecretKey } from "./secrets.ts";
import { dirOf, ensurePrivateDir, tightenFile } from "./private-files.ts";

export async function loadOrCreateSecretKey(path: string): Promise<{ key: string; created: boolean }> {
  try {
    const key = (await Deno.readTextFile(path)).trim();
    await tightenFile(path);
    return { key, created: false };
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  await ensurePrivateDir(dirOf(path));
  const key = generateSecretKey();
  // createNew: never overwrite a key another process just wrote (that would orphan secrets).
  await Deno.writeTextFile(path, key + "\n", { mode: 0o600, createNew: true });
  await tightenFile(path); // whatever the umask
  return { key, created: true };
}
