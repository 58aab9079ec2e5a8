import {
  chmodSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Refusal } from "./privateFiles.js";
import { userCacheKey } from "./userKey.js";

let root: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "wh-key-"));
  env = { XDG_CACHE_HOME: join(root, "cache") };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const uid = process.getuid?.();
describe.skipIf(uid === undefined)("the user's cache key", () => {
  it("is made once, 32 random bytes only this user can read, and then read back", () => {
    const key = userCacheKey(env)!;
    expect(key).toHaveLength(32);
    const file = join(root, "cache", "wheelhouse", "cache.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(userCacheKey(env)!.equals(key)).toBe(true);
    expect(userCacheKey({ XDG_CACHE_HOME: join(root, "other") })!.equals(key)).toBe(false);
  });

  it("is refused when others can read it, when it is not a key, or in a folder not private", () => {
    const refusals: Refusal[] = [];
    const onRefused = (r: Refusal) => refusals.push(r);
    const dir = join(root, "cache", "wheelhouse");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, "cache.key");
    writeFileSync(file, Buffer.alloc(32, 7), { mode: 0o600 });
    chmodSync(file, 0o644);
    expect(userCacheKey(env, { onRefused })).toBeUndefined();
    writeFileSync(file, "short", { mode: 0o600 });
    chmodSync(file, 0o600);
    expect(userCacheKey(env, { onRefused })).toBeUndefined();
    expect(userCacheKey(env, { uid: uid! + 1, onRefused })).toBeUndefined();
    expect(refusals).toEqual([
      { path: file, reason: "readable by group or others (mode 0644)" },
      { path: file, reason: "not a key (5 bytes, not 32)" },
      { path: dir, reason: `owned by uid ${uid}` },
    ]);
  });

  it("waits out the moment another first run has it under two names", () => {
    const key = userCacheKey(env)!;
    const file = join(root, "cache", "wheelhouse", "cache.key");
    const second = join(root, "cache", "wheelhouse", "cache.key.123.tmp");
    linkSync(file, second);
    const refusals: Refusal[] = [];
    const onRefused = (r: Refusal) => refusals.push(r);
    // The other run removes its temporary name while this one waits.
    const sleep = () => rmSync(second, { force: true });
    expect(userCacheKey(env, { onRefused, sleep })?.equals(key)).toBe(true);
    expect(refusals).toEqual([]);

    linkSync(file, second);
    expect(userCacheKey(env, { onRefused, sleep: () => {} })).toBeUndefined();
    expect(refusals).toEqual([{ path: file, reason: "has 2 hard links" }]);
  });
});
