import type { Command, Option } from "commander";
import type { KeyContext } from "../../ui/keyContext.js";
import { activeBindings, type Keymap } from "../../ui/keymap.js";
import { KEYMAP } from "../../ui/keys/keyTable.js";

/**
 * Markdown reference of every command and flag, from the commander
 * definitions themselves, so the README cannot drift from the CLI.
 */
export function cliReference(program: Command): string {
  const out: string[] = [];
  out.push("Global flags (any command):", "", optionTable(program.options), "");
  for (const cmd of program.commands) out.push(...commandSection(cmd, "wheelhouse"));
  return (
    out
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim() + "\n"
  );
}

function commandSection(cmd: Command, parent: string): string[] {
  const name = `${parent} ${cmd.name()}`;
  const args = cmd.registeredArguments
    .map((a) =>
      a.required
        ? `<${a.name()}${a.variadic ? "..." : ""}>`
        : `[${a.name()}${a.variadic ? "..." : ""}]`,
    )
    .join(" ");
  const out = [`#### \`${name}${args ? ` ${args}` : ""}\``, "", capitalise(cmd.description()), ""];
  const aliases = cmd.aliases();
  if (aliases.length > 0) out.push(`Alias: ${aliases.map((a) => `\`${a}\``).join(", ")}.`, "");
  const visible = cmd.options.filter((o) => !o.hidden);
  if (visible.length > 0) out.push(optionTable(visible), "");
  for (const sub of cmd.commands) out.push(...commandSection(sub, name));
  return out;
}

function optionTable(options: readonly Option[]): string {
  const rows = options
    .filter((o) => !o.hidden)
    .map((o) => {
      const def =
        o.defaultValue === undefined || o.defaultValue === false || o.negate
          ? ""
          : ` (default: \`${String(o.defaultValue)}\`)`;
      return `| \`${o.flags.replace(/\|/g, "\\|")}\` | ${o.description.replace(/\|/g, "\\|")}${def} |`;
    });
  return ["| Flag | Meaning |", "|---|---|", ...rows].join("\n");
}

function capitalise(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) + (text.endsWith(".") ? "" : ".") : "";
}

/** Where the keyboard can be, for the README's key map: one table per place. */
const PLACES: Array<{ title: string; context: KeyContext }> = [
  {
    title: "Lists (namespaces, releases, history)",
    context: { screen: "browse", focus: "releases", readonly: false, wide: false },
  },
  {
    title: "Detail pane and diff viewer",
    context: { screen: "browse", focus: "detail", view: "diff", readonly: false, wide: true },
  },
  {
    title: "Status view",
    context: { screen: "browse", focus: "detail", view: "status", readonly: false, wide: false },
  },
  {
    title: "Reviewing an upgrade or rollback",
    context: { screen: "review", focus: "detail", readonly: false, wide: true },
  },
  {
    title: "Confirm dialogs",
    context: { screen: "confirm", focus: "releases", readonly: false, wide: false },
  },
];

/** The key map, from the same table the handlers and the `?` overlay use. */
export function keymapReference(keymap: Keymap = KEYMAP): string {
  const out: string[] = [];
  for (const place of PLACES) {
    const rows = activeBindings(keymap, place.context).map(
      (b) => `| \`${b.label}\` | ${b.help}${b.mutating ? " (hidden with `--readonly`)" : ""} |`,
    );
    out.push(`**${place.title}**`, "", "| Key | Does |", "|---|---|", ...rows, "");
  }
  return out.join("\n").trim() + "\n";
}
