import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { Header, Pax } from "tar";

/** Writes a chart folder from a map of relative paths to contents; returns its path. */
export async function writeChart(files: Record<string, string>, name = "demo"): Promise<string> {
  const root = join(await mkdtemp(join(tmpdir(), "wh-chart-")), name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

/** The annotation that makes a chart a Handlebars chart (test charts are, unless they say otherwise). */
export const HANDLEBARS_ANNOTATION = "annotations:\n  wheelhouse.dev/template-engine: handlebars\n";

/** Chart.yaml of a Handlebars test chart; `extra` is appended (YAML lines). */
export function chartYaml(name = "demo", extra = ""): string {
  return `apiVersion: v2\nname: ${name}\nversion: 0.1.0\nappVersion: "1.0"\n${HANDLEBARS_ANNOTATION}${extra}`;
}

/** A minimal valid chart with one ConfigMap template, plus any overrides. */
export function simpleChart(
  overrides: Record<string, string | undefined> = {},
  name = "demo",
): Record<string, string> {
  const files: Record<string, string | undefined> = {
    "Chart.yaml": chartYaml(name),
    "values.yaml": "greeting: hello\n",
    "templates/configmap.yaml":
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{Release.Name}}-cm\ndata:\n  greeting: {{quote Values.greeting}}\n",
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

export interface TarEntry {
  path: string;
  data?: string;
  type?: "File" | "Directory" | "SymbolicLink" | "Link" | "CharacterDevice" | "FIFO";
  linkpath?: string;
  /** Claimed size, for entries whose header lies about their size. */
  size?: number;
}

/** Builds a gzip'd tar byte by byte, so tests can craft archives no packer would write. */
export function tarball(entries: TarEntry[], gzip = true): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? "");
    const type = entry.type ?? "File";
    const size = type === "File" ? (entry.size ?? data.length) : 0;
    const header = new Header({
      path: entry.path,
      type,
      mode: 0o644,
      size,
      mtime: new Date(0),
      ...(entry.linkpath ? { linkpath: entry.linkpath } : {}),
    });
    const block = Buffer.alloc(512);
    // A path too long for the ustar header goes in a PAX extended header before it, as tar does.
    if (header.encode(block))
      blocks.push(new Pax({ path: entry.path, mtime: new Date(0) }).encode());
    blocks.push(block);
    if (type === "File") {
      const body = Buffer.alloc(Math.ceil(size / 512) * 512);
      data.copy(body);
      blocks.push(body);
    }
  }
  blocks.push(Buffer.alloc(1024));
  const tar = Buffer.concat(blocks);
  return gzip ? gzipSync(tar) : tar;
}

/** The entries of a simple chart under one top folder, ready for tarball(). */
export function chartEntries(name = "demo", files = simpleChart({}, name)): TarEntry[] {
  return Object.entries(files).map(([path, data]) => ({ path: `${name}/${path}`, data }));
}
