import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withFileLock } from "./fileLock.js";

describe("withFileLock", () => {
  it("gives up on a live lock with a message naming the file and the lock, without running", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wh-lock-"));
    const file = join(dir, "repositories.yaml");
    await writeFile(`${file}.lock`, "4242\n");
    let ran = false;
    const attempt = withFileLock(file, async () => (ran = true), { timeoutMs: 100 });
    await expect(attempt).rejects.toThrow(`${file} is being changed by another wheelhouse process`);
    await expect(attempt).rejects.toMatchObject({ hint: expect.stringContaining(`${file}.lock`) });
    expect(ran).toBe(false);
  });

  it("runs one holder at a time and releases the lock when the body throws", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wh-lock-"));
    const file = join(dir, "state");
    let inside = 0;
    let most = 0;
    const holder = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 20));
      inside--;
    };
    await Promise.all([1, 2, 3, 4].map(() => withFileLock(file, holder)));
    expect(most).toBe(1);
    await expect(
      withFileLock(file, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(withFileLock(file, async () => "again", { timeoutMs: 50 })).resolves.toBe("again");
  });
});
