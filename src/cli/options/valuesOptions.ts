import { resolve } from "node:path";
import type { Command } from "commander";
import type { Values } from "../../engine/values/types.js";
import { collect } from "./repeatable.js";

export interface ValuesFlags {
  values?: string[];
  set?: string[];
  setJson?: string[];
  setString?: string[];
  setFile?: string[];
  setLiteral?: string[];
}

/** helm's value flags, repeatable, in the order helm applies them. */
export function addValuesOptions(cmd: Command): Command {
  return cmd
    .option("-f, --values <file>", "values YAML file (repeatable; later files win)", collect)
    .option(
      "--set <key=value>",
      "set values (a.b=c, a[0]=x, a={x,y}, a\\.b=c; repeatable)",
      collect,
    )
    .option(
      "--set-json <key=json>",
      'set values to JSON (a.b=[1,2], a={"x":1}, or a whole JSON object; repeatable)',
      collect,
    )
    .option("--set-string <key=value>", "set values, always as strings (repeatable)", collect)
    .option("--set-file <key=path>", "set a value to a file's contents (repeatable)", collect)
    .option(
      "--set-literal <key=value>",
      "set one value verbatim, no parsing (repeatable)",
      collect,
    );
}

/** The user-supplied values from the flags; relative paths are resolved against cwd. */
export async function userValuesFrom(flags: ValuesFlags, cwd: string): Promise<Values> {
  // Loaded here, not with the option definitions: commands that take no values start without a YAML parser.
  const { buildUserValues } = await import("../../engine/values/buildUserValues.js");
  return buildUserValues({
    valueFiles: (flags.values ?? []).map((f) => (f === "-" ? f : resolve(cwd, f))),
    set: flags.set ?? [],
    setJson: flags.setJson ?? [],
    setString: flags.setString ?? [],
    setFile: (flags.setFile ?? []).map((expr) => {
      const eq = expr.indexOf("=");
      return eq === -1 ? expr : `${expr.slice(0, eq)}=${resolve(cwd, expr.slice(eq + 1))}`;
    }),
    setLiteral: flags.setLiteral ?? [],
  });
}
