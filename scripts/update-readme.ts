/** Regenerates the README's CLI reference and key map from the code: `npm run docs`. */
import { readFileSync, writeFileSync } from "node:fs";
import { processIO } from "../src/cli/io.js";
import { fillSections, generatedSections } from "../src/cli/docs/readmeSections.js";

const readme = readFileSync("README.md", "utf8");
writeFileSync("README.md", fillSections(readme, generatedSections(processIO())));
console.log("README.md updated");
