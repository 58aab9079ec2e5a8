import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Refusal } from "./privateFiles.js";
import { openCodeCache, signature } from "./signedCache.js";

let root: string;
let env: NodeJS.ProcessEnv;
let refusals: Refusal[];
const onRefused = (r: Refusal) => refusals.push(r);
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "wh-signed-"));
  env = { XDG_CACHE_HOME: join(root, "home-cache") };
  refusals = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const open = (dir = join(root, "entries")) => openCodeCache(dir, { env, onRefused })!;

describe.skipIf(process.getuid === undefined)("a cache of compiled code", () => {
  it("reads back what it wrote, signed with the user's key", () => {
    const cache = open();
    expect(cache.write("a.json", "compiled")).toBe(true);
    expect(open().read("a.json")?.toString()).toBe("compiled");
    expect(readFileSync(join(cache.path, "a.json"))).toHaveLength(32 + "compiled".length);
    expect(refusals).toEqual([]);
  });

  it("refuses an entry this user's wheelhouse did not write, though the user owns it", () => {
    // e.g. unpacked from an archive into the folder: right owner, right mode, right name.
    const cache = open();
    writeFileSync(join(cache.path, "a.json"), "{planted}", { mode: 0o600 });
    expect(cache.read("a.json")).toBeUndefined();
    expect(refusals).toEqual([
      { path: join(cache.path, "a.json"), reason: "not signed with this user's key" },
    ]);
  });

  it("refuses an entry signed with another key, or moved to another entry's name", () => {
    const cache = open();
    const other = openCodeCache(cache.path, { env, key: Buffer.alloc(32, 1) })!;
    other.write("a.json", "theirs");
    expect(cache.read("a.json")).toBeUndefined();
    cache.write("b.json", "for b");
    writeFileSync(join(cache.path, "c.json"), readFileSync(join(cache.path, "b.json")));
    expect(cache.read("c.json")).toBeUndefined();
    expect(cache.read("b.json")?.toString()).toBe("for b");
    expect(refusals.map((r) => r.path)).toEqual([
      join(cache.path, "a.json"),
      join(cache.path, "c.json"),
    ]);
  });

  it("is not used without a safe key, and says why for the folder it serves", () => {
    const keyDir = join(root, "home-cache", "wheelhouse");
    open();
    writeFileSync(join(keyDir, "cache.key"), "not a key");
    expect(openCodeCache(join(root, "entries"), { env, onRefused })).toBeUndefined();
    expect(refusals).toEqual([
      {
        path: join(root, "entries"),
        reason: `cannot trust its key (${join(keyDir, "cache.key")}: not a key (9 bytes, not 32))`,
      },
    ]);
  });

  it("signs the name with the bytes, so that moving the boundary changes the signature", () => {
    const key = Buffer.alloc(32, 2);
    expect(signature(key, "ab", Buffer.from("c"))).not.toEqual(
      signature(key, "a", Buffer.from("bc")),
    );
  });
});
