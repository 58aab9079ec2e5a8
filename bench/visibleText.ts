/**
 * What showing control characters costs at the output edges (issue 14): a screenful of table
 * cells as the UI draws them on every keypress, and a 1 MiB manifest as a diff or the manifest
 * view shows it, clean and with a control character on every line. Prints figures.
 *
 *   npx tsx bench/visibleText.ts
 */
import { performance } from "node:perf_hooks";
import { fit } from "../src/ui/format.js";
import { visibleLine, visibleText } from "../src/visibleText.js";

let sink = "";

function time(label: string, runs: number, work: () => void): void {
  work(); // warm up
  const start = performance.now();
  for (let i = 0; i < runs; i++) work();
  const each = (performance.now() - start) / runs;
  console.log(
    `${label.padEnd(52)} ${each < 1 ? `${(each * 1000).toFixed(1)} µs` : `${each.toFixed(2)} ms`}`,
  );
}

// 40 rows × 7 columns, as the releases table draws a 120×40 screen.
const cells = Array.from({ length: 280 }, (_, i) => `release-${i}-chart-1.2.${i % 10}`);
const hostileCells = cells.map((c) => `${c}\x1b]0;t\x07`);
time("screen of 280 clean cells through fit()", 2000, () => {
  for (const c of cells) sink = fit(c, 24);
});
time("screen of 280 cells with an OSC each through fit()", 2000, () => {
  for (const c of hostileCells) sink = fit(c, 24);
});
time("280 clean cells, fit() without the sanitiser", 2000, () => {
  for (const c of cells) sink = c.length > 24 ? c.slice(0, 23) + "…" : c.padEnd(24);
});

const line = "        image: ghcr.io/example/webapp:2.6.0   # a comment of some length\n";
const manifest = line.repeat(Math.ceil((1 << 20) / line.length));
const hostile = manifest.replaceAll("# a", "# \x1b[2Ja");
time("1 MiB clean manifest, visibleText", 20, () => visibleText(manifest));
time("1 MiB manifest, an ESC on every line, visibleText", 20, () => visibleText(hostile));
const lines = hostile.split("\n");
time(`${lines.length} hostile diff lines, visibleLine each`, 20, () => {
  for (const l of lines) visibleLine(l);
});
if (sink === "") console.log(""); // keeps the plain fit() loop from being optimised away
