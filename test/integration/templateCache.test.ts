import { execFile } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signature } from "../../src/engine/cache/signedCache.js";
import { templateCacheFile, templateKey } from "../../src/engine/render/templateCache.js";
import { simpleChart, writeChart } from "../support/charts.js";
import { plantedTemplate } from "../support/plantedCode.js";

// The built binary, as a user runs it, with its compiled-template cache in a folder of the
// test's choosing, and entries planted there as someone else (or an unpacked archive) would.
const run = promisify(execFile);
const wheelhouse = resolve("dist/cli/main.js");
const SOURCE = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{Release.Name}}-cm\n";
const PLANTED = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: PLANTED\n";

let dir: string;
let chart: string;
let marker: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "wheelhouse-template-cache-"));
  chart = await writeChart(
    simpleChart({ "templates/configmap.yaml": SOURCE }, "planted"),
    "planted",
  );
  marker = join(dir, "planted-code-ran");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(resolve(chart, ".."), { recursive: true, force: true });
});

async function template(cache: string) {
  const { stdout, stderr } = await run(process.execPath, [wheelhouse, "template", "x", chart], {
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      WHEELHOUSE_TEMPLATE_CACHE: cache,
      WHEELHOUSE_CODE_CACHE: "off",
    },
  });
  return { stdout, warnings: stderr.split("\n").filter((l) => l.startsWith("WARNING: ")) };
}

/** The chart's cache file holding code that writes the marker and renders a ConfigMap PLANTED. */
function plant(cache: string, sign = false): string {
  mkdirSync(cache, { recursive: true, mode: 0o700 });
  const name = templateCacheFile("planted");
  const data = Buffer.from(
    JSON.stringify({ [templateKey(SOURCE)]: plantedTemplate(marker, PLANTED) }),
  );
  const key = readFileSync(join(dir, ".cache", "wheelhouse", "cache.key"));
  writeFileSync(
    join(cache, name),
    sign ? Buffer.concat([signature(key, name, data), data]) : data,
    {
      mode: 0o600,
    },
  );
  return join(cache, name);
}

const rendered = "name: x-cm";
const uid = process.getuid?.();

describe.skipIf(uid === undefined)("the built CLI's compiled-template cache", () => {
  it("is used by the next run: what it finds signed there is what renders", async () => {
    const cache = join(dir, "templates");
    const first = await template(cache);
    expect(first.stdout).toContain(rendered);
    expect(existsSync(join(cache, templateCacheFile("planted")))).toBe(true);
    // Only this user's wheelhouse, holding the key, can write an entry that is used.
    plant(cache, true);
    const second = await template(cache);
    expect(second.stdout).toContain("name: PLANTED");
    expect(existsSync(marker)).toBe(true);
    expect(second.warnings).toEqual([]);
  });

  it("makes one key and no fuss when several first runs start at once", async () => {
    const cache = join(dir, "templates");
    const runs = await Promise.all([1, 2, 3, 4, 5, 6].map(() => template(cache)));
    for (const r of runs) expect(r).toEqual({ stdout: runs[0]!.stdout, warnings: [] });
    expect(runs[0]!.stdout).toContain(rendered);
    expect(readdirSync(join(dir, ".cache", "wheelhouse"))).toEqual(["cache.key"]);
    expect((await template(cache)).warnings).toEqual([]);
  });

  it("does not run an entry it did not write, though this user owns it; says so once", async () => {
    const cache = join(dir, "templates");
    await template(cache);
    const file = plant(cache);
    const planted = await template(cache);
    expect(planted.stdout).toContain(rendered);
    expect(planted.stdout).not.toContain("PLANTED");
    expect(existsSync(marker)).toBe(false);
    expect(planted.warnings).toEqual([
      `WARNING: ignoring template cache ${file}: not signed with this user's key`,
    ]);
    // Compiled again and rewritten: the next run is quiet.
    expect((await template(cache)).warnings).toEqual([]);
  });

  it("does not use a folder group or others can write", async () => {
    const cache = join(dir, "templates");
    await template(cache);
    plant(cache, true);
    chmodSync(cache, 0o775);
    const shared = await template(cache);
    expect(shared.stdout).toContain(rendered);
    expect(existsSync(marker)).toBe(false);
    expect(shared.warnings).toEqual([
      `WARNING: ignoring template cache ${cache}: writable by group or others (mode 0775)`,
    ]);
  });

  it("does not follow a symbolic link to an entry", async () => {
    const cache = join(dir, "templates");
    const elsewhere = join(dir, "elsewhere");
    await template(elsewhere);
    const target = plant(elsewhere, true);
    mkdirSync(cache, { mode: 0o700 });
    symlinkSync(target, join(cache, templateCacheFile("planted")));
    const linked = await template(cache);
    expect(linked.stdout).toContain(rendered);
    expect(existsSync(marker)).toBe(false);
    expect(linked.warnings).toEqual([
      `WARNING: ignoring template cache ${join(cache, templateCacheFile("planted"))}: a symbolic link`,
    ]);
  });

  it.skipIf(uid !== 0)(
    "does not use a folder or an entry another user owns (root makes them)",
    async () => {
      const cache = join(dir, "templates");
      await template(cache);
      const file = plant(cache, true);
      chownSync(file, 1001, 1001);
      const entry = await template(cache);
      expect(entry.stdout).toContain(rendered);
      expect(entry.warnings).toEqual([
        `WARNING: ignoring template cache ${file}: owned by uid 1001`,
      ]);

      plant(cache, true);
      chownSync(cache, 1001, 1001);
      const folder = await template(cache);
      expect(folder.stdout).toContain(rendered);
      expect(existsSync(marker)).toBe(false);
      expect(folder.warnings).toEqual([
        `WARNING: ignoring template cache ${cache}: owned by uid 1001`,
      ]);
    },
  );
});
