import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// A fresh scratch folder per run (removed by test/support/globalScratch.ts when the run ends):
// one named by the process id was found again once ids wrapped round, with another run's entries.
const scratch = (process.env.WHEELHOUSE_TEST_SCRATCH ??= mkdtempSync(
  join(tmpdir(), "wheelhouse-test-"),
));

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    environment: "node",
    // Integration suites start servers and child processes; keep them from
    // starving each other on small CI machines.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ["test/support/globalScratch.ts"],
    // Compiled templates and the CLI's code cache go to scratch folders, not the user's ~/.cache.
    // The key that signs them (cache.key) and the helm binaries (tools/) stay the user's own,
    // in ~/.cache/wheelhouse: a key only signs, and helm is unpacked once, not per run.
    env: {
      WHEELHOUSE_TEMPLATE_CACHE: join(scratch, "templates"),
      WHEELHOUSE_CODE_CACHE: join(scratch, "code"),
    },
  },
});
