import { rmSync } from "node:fs";

/** Removes the run's scratch folder (vitest.config.ts) once every test file has finished. */
export default function setup(): () => void {
  return () => {
    const scratch = process.env.WHEELHOUSE_TEST_SCRATCH;
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
}
