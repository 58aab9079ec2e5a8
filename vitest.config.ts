import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    environment: "node",
    // Integration suites start servers and child processes; keep them from
    // starving each other on small CI machines.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: [],
  },
});
