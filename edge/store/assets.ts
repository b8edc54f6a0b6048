/**
 * Reads built web files from dist/. Resolves symlinks and refuses anything whose real path
 * is outside dist/ (defence in depth behind routes/static.ts's path check). Deno APIs.
 */
export function createAssetReader(distDir: string): (path: string) => Promise<Uint8Array | null> {
  let root: string | null = null;
  return async (path) => {
    try {
      // Resolved on first use, so a dist/ built after start is still found.
      root ??= await Deno.realPath(distDir);
      const real = await Deno.realPath(`${root}/${path}`);
      if (!real.startsWith(root + "/")) return null;
      if (!(await Deno.stat(real)).isFile) return null;
      return await Deno.readFile(real);
    } catch {
      return null;
    }
  };
}
