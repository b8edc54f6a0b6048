/**
 * Files only the edge's own user may read: the KV database (0600, in a 0700 directory when
 * the edge creates it) and the local secret key. Deno APIs: used by the entry file only.
 * SQLite gives its -wal/-shm/-journal files the main file's mode, so the main file is
 * created 0600 before the database opens it; files left world-readable by an older version
 * are tightened on start.
 */

// Windows has no POSIX modes (Deno.chmod is not supported there); its ACLs are the folder's.
const posix = () => Deno.build.os !== "windows";

export function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "." : i === 0 ? "/" : path.slice(0, i);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** Creates the directory (and missing parents) 0700; an existing one is left as its owner set it. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  if (await exists(dir)) return;
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  if (posix()) await Deno.chmod(dir, 0o700); // whatever the umask
}

export async function tightenFile(path: string): Promise<void> {
  if (posix() && (await exists(path)) && ((await Deno.stat(path)).mode ?? 0) & 0o077) await Deno.chmod(path, 0o600);
}

/** Deno.openKv(path) with the database's files readable by this user only. */
export async function openPrivateKv(path: string): Promise<Deno.Kv> {
  await ensurePrivateDir(dirOf(path));
  const file = await Deno.open(path, { create: true, write: true, mode: 0o600 });
  file.close();
  for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) await tightenFile(p);
  return Deno.openKv(path);
}
