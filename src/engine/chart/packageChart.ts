import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Header, Pax } from "tar";
import semver from "semver";
import { writeDataYaml } from "../yaml/index.js";
import { ChartError } from "./errors.js";
import type { Chart, ChartFile } from "./types.js";

export interface PackageOptions {
  /** Overrides Chart.yaml version (`--version`). */
  version?: string;
  /** Overrides Chart.yaml appVersion (`--app-version`). */
  appVersion?: string;
  /** Seconds since the epoch stamped on every entry; SOURCE_DATE_EPOCH by default. */
  mtime?: number;
}

/** 1980-01-01: a fixed stamp keeps packages byte-for-byte reproducible. */
const DEFAULT_MTIME = 315532800;

/**
 * The archive layout Helm writes (docs/chart-engine.md#archives-and-packaging): one top-level
 * folder named after the chart, no directory entries, mode 0644, uid/gid 0, Chart.yaml first,
 * subcharts as folders under charts/.
 */
export function chartArchive(chart: Chart, options: PackageOptions = {}): Buffer {
  const metadata = { ...chart.metadata };
  if (options.version !== undefined) {
    if (semver.valid(options.version) === null)
      throw new ChartError(`--version "${options.version}" is not a SemVer 2 version`);
    metadata.version = options.version;
  }
  if (options.appVersion !== undefined) metadata.appVersion = options.appVersion;
  const envEpoch = Number(process.env.SOURCE_DATE_EPOCH);
  const mtime = new Date(
    (options.mtime ?? (Number.isFinite(envEpoch) && envEpoch > 0 ? envEpoch : DEFAULT_MTIME)) *
      1000,
  );
  const blocks: Buffer[] = [];
  for (const file of archiveFiles({ ...chart, metadata }, metadata.name)) {
    blocks.push(...entryBlocks(file, mtime));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}

/** Writes `<name>-<version>.tgz` into a folder (atomically) and returns its path. */
export async function packageChart(
  chart: Chart,
  destination: string,
  options: PackageOptions = {},
): Promise<string> {
  const archive = chartArchive(chart, options);
  const version = options.version ?? chart.metadata.version;
  await mkdir(destination, { recursive: true });
  const target = join(destination, `${chart.metadata.name}-${version}.tgz`);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, archive);
  await rename(temp, target);
  return target;
}

function archiveFiles(chart: Chart, prefix: string): ChartFile[] {
  const files: ChartFile[] = [
    { name: `${prefix}/Chart.yaml`, data: Buffer.from(writeDataYaml(chart.metadata)) },
  ];
  const add = (name: string, data: Buffer | null) => {
    if (data) files.push({ name: `${prefix}/${name}`, data });
  };
  if (chart.lock) add("Chart.lock", Buffer.from(writeDataYaml(chart.lock)));
  add("values.yaml", chart.rawValues);
  add("values.schema.json", chart.schema);
  for (const t of chart.templates) add(t.name, t.data);
  for (const f of chart.files) add(f.name, f.data);
  for (const sub of chart.dependencies) {
    files.push(...archiveFiles(sub, `${prefix}/charts/${sub.metadata.name}`));
  }
  return files;
}

function entryBlocks(file: ChartFile, mtime: Date): Buffer[] {
  const fields = {
    path: file.name,
    mode: 0o644,
    uid: 0,
    gid: 0,
    size: file.data.length,
    mtime,
    type: "File" as const,
    uname: "",
    gname: "",
  };
  const header = new Header(fields);
  const block = Buffer.alloc(512);
  header.encode(block);
  const out: Buffer[] = [];
  if (header.needPax) out.push(new Pax({ ...fields, path: file.name }).encode());
  out.push(block, file.data);
  const pad = (512 - (file.data.length % 512)) % 512;
  if (pad) out.push(Buffer.alloc(pad));
  return out;
}
