import { buildProgram } from "../program.js";
import type { CliIO } from "../io.js";
import { cliReference, keymapReference } from "./reference.js";

/** README sections generated from code, by marker name. */
export function generatedSections(io: CliIO): Record<string, string> {
  return { "cli-reference": cliReference(buildProgram(io)), keymap: keymapReference() };
}

/** Replaces each `<!-- name:start -->…<!-- name:end -->` block with its generated text. */
export function fillSections(readme: string, sections: Record<string, string>): string {
  let out = readme;
  for (const [name, body] of Object.entries(sections)) {
    const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!pattern.test(out)) throw new Error(`README has no ${name} markers`);
    out = out.replace(pattern, (_m, start: string, end: string) => `${start}${body}${end}`);
  }
  return out;
}
