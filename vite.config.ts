import { defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";

export default defineConfig({
  root: "web",
  plugins: [solid()],
  worker: { format: "es" },
  build: { outDir: "../dist", emptyOutDir: true },
  test: {
    root: ".",
    include: ["tests/**/*.test.{ts,tsx}"],
    environment: "node",
    setupFiles: ["tests/support/property-seed.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI also writes a JSON report so .ci/run can print its one closing line.
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".cache/vitest.json" }]] : ["default"],
  },
});
