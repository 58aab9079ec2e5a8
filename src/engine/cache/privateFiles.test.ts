import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cacheKey, openPrivateDir, userCacheDir, type Refusal } from "./privateFiles.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "wh-private-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const uid = process.getuid?.();
describe.skipIf(uid === undefined)("a private cache folder", () => {
  it("is created 0700 and keeps entries 0600, read back as written", () => {
    const path = join(root, "a", "b");
    const dir = openPrivateDir(path)!;
    expect(dir).toBeDefined();
    expect(statSync(path).mode & 0o777).toBe(0o700);
    expect(dir.write("entry.v8", Buffer.from("compiled"))).toBe(true);
    expect(statSync(join(path, "entry.v8")).mode & 0o777).toBe(0o600);
    expect(dir.read("entry.v8")?.toString()).toBe("compiled");
    expect(dir.read("missing.v8")).toBeUndefined();
    expect(readdirSync(path)).toEqual(["entry.v8"]);
  });

  it("is refused when another user owns it", () => {
    const path = join(root, "c");
    mkdirSync(path, { mode: 0o700 });
    expect(openPrivateDir(path, { uid: uid! + 1 })).toBeUndefined();
    expect(openPrivateDir(path)).toBeDefined();
  });

  it("is refused when group or others may write to it", () => {
    for (const mode of [0o770, 0o702]) {
      const path = join(root, `m${mode.toString(8)}`);
      mkdirSync(path);
      chmodSync(path, mode);
      expect(openPrivateDir(path)).toBeUndefined();
    }
  });

  it("is refused when it is a symbolic link, even to a private folder", () => {
    const real = join(root, "real");
    mkdirSync(real, { mode: 0o700 });
    symlinkSync(real, join(root, "link"));
    expect(openPrivateDir(join(root, "link"))).toBeUndefined();
  });

  it("refuses entries that others may write, hard links and symbolic links", () => {
    const path = join(root, "d");
    const dir = openPrivateDir(path)!;
    dir.write("shared.v8", "x");
    chmodSync(join(path, "shared.v8"), 0o620);
    expect(dir.read("shared.v8")).toBeUndefined();

    dir.write("linked.v8", "x");
    linkSync(join(path, "linked.v8"), join(root, "second-name"));
    expect(dir.read("linked.v8")).toBeUndefined();

    writeFileSync(join(root, "elsewhere"), "x", { mode: 0o600 });
    symlinkSync(join(root, "elsewhere"), join(path, "symlink.v8"));
    expect(dir.read("symlink.v8")).toBeUndefined();

    dir.write("mine.v8", "x");
    expect(dir.read("mine.v8")?.toString()).toBe("x");
  });

  it.skipIf(uid !== 0)("refuses an entry another user owns (needs root to make one)", () => {
    const path = join(root, "g");
    const refusals: Refusal[] = [];
    const dir = openPrivateDir(path, { onRefused: (r) => refusals.push(r) })!;
    dir.write("theirs.v8", "x");
    chownSync(join(path, "theirs.v8"), 12345, 12345);
    expect(dir.read("theirs.v8")).toBeUndefined();
    expect(refusals).toEqual([{ path: join(path, "theirs.v8"), reason: "owned by uid 12345" }]);
  });

  it("says why it refused a folder or an entry, and is quiet about a missing one", () => {
    const refusals: Refusal[] = [];
    const onRefused = (r: Refusal) => refusals.push(r);
    const theirs = join(root, "theirs");
    mkdirSync(theirs, { mode: 0o700 });
    expect(openPrivateDir(theirs, { uid: uid! + 1, onRefused })).toBeUndefined();
    const shared = join(root, "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o775);
    expect(openPrivateDir(shared, { onRefused })).toBeUndefined();
    symlinkSync(theirs, join(root, "link"));
    expect(openPrivateDir(join(root, "link"), { onRefused })).toBeUndefined();
    writeFileSync(join(root, "file"), "x");
    expect(openPrivateDir(join(root, "file"), { onRefused })).toBeUndefined();
    expect(refusals).toEqual([
      { path: theirs, reason: `owned by uid ${uid}` },
      { path: shared, reason: "writable by group or others (mode 0775)" },
      { path: join(root, "link"), reason: "a symbolic link" },
      { path: join(root, "file"), reason: "not a directory" },
    ]);

    refusals.length = 0;
    const dir = openPrivateDir(join(root, "mine"), { onRefused })!;
    expect(dir.read("missing.v8")).toBeUndefined();
    writeFileSync(join(root, "target"), "x", { mode: 0o600 });
    symlinkSync(join(root, "target"), join(dir.path, "symlink.v8"));
    expect(dir.read("symlink.v8")).toBeUndefined();
    dir.write("shared.v8", "x");
    chmodSync(join(dir.path, "shared.v8"), 0o660);
    expect(dir.read("shared.v8")).toBeUndefined();
    expect(refusals).toEqual([
      { path: join(dir.path, "symlink.v8"), reason: "a symbolic link" },
      { path: join(dir.path, "shared.v8"), reason: "writable by group or others (mode 0660)" },
    ]);
  });

  it("refuses a FIFO without waiting for a writer, and a file too big to be compiled code", () => {
    const refusals: Refusal[] = [];
    const dir = openPrivateDir(join(root, "i"), { onRefused: (r) => refusals.push(r) })!;
    execFileSync("mkfifo", [join(dir.path, "fifo.v8")]);
    expect(dir.read("fifo.v8")).toBeUndefined();
    writeFileSync(join(dir.path, "big.v8"), "", { mode: 0o600 });
    truncateSync(join(dir.path, "big.v8"), 257 << 20); // sparse: no disk used
    expect(dir.read("big.v8")).toBeUndefined();
    expect(refusals).toEqual([
      { path: join(dir.path, "fifo.v8"), reason: "not a file" },
      { path: join(dir.path, "big.v8"), reason: "larger than 256 MiB" },
    ]);
  });

  it("creates an entry only where there is none", () => {
    const dir = openPrivateDir(join(root, "h"))!;
    expect(dir.create("key", Buffer.from("first"))).toBe(true);
    expect(dir.create("key", Buffer.from("second"))).toBe(false);
    expect(dir.read("key")?.toString()).toBe("first");
    expect(readdirSync(dir.path)).toEqual(["key"]);
  });

  it("takes plain names only", () => {
    const dir = openPrivateDir(join(root, "e"))!;
    expect(dir.write("../escape", "x")).toBe(false);
    expect(dir.read("../e/whatever")).toBeUndefined();
    expect(readdirSync(root)).toEqual(["e"]);
  });

  it("prunes the entries it is told to drop", () => {
    const dir = openPrivateDir(join(root, "f"))!;
    for (const name of ["new-a.v8", "new-b.v8", "old-a.v8"]) dir.write(name, "x");
    dir.prune((name) => name.startsWith("new-"));
    expect(readdirSync(dir.path).sort()).toEqual(["new-a.v8", "new-b.v8"]);
  });
});

describe("cache names", () => {
  it("live under XDG_CACHE_HOME, else ~/.cache", () => {
    expect(userCacheDir("v8", { XDG_CACHE_HOME: "/x", HOME: "/h" })).toBe("/x/wheelhouse/v8");
    expect(userCacheDir("v8", { HOME: "/h" })).toBe("/h/.cache/wheelhouse/v8");
  });

  it("hash every part, so that moving a boundary changes the key", () => {
    expect(cacheKey("ab", "c")).not.toBe(cacheKey("a", "bc"));
    expect(cacheKey("ab", "c")).toBe(cacheKey("ab", "c"));
    expect(cacheKey(Buffer.from("ab"), "c")).toBe(cacheKey("ab", "c"));
  });
});
