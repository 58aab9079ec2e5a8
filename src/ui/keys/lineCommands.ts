import { scopeLabel } from "../../state/selectors.js";
import type { KeyTarget } from "./keyTarget.js";

/** One `:` command: adding a command is adding one of these. */
export interface LineCommand {
  /** The verb and its aliases: `ns` and `namespace`. */
  verbs: string[];
  /** How help shows it, one form per way to call it, without the colon. */
  usage: string[];
  /** Without its argument the command is unknown. */
  needsArgument?: boolean;
  run: (arg: string | undefined, k: KeyTarget) => void;
}

/** The `:` commands; the command handler, the `?` overlay and the README read this. */
export const LINE_COMMANDS: readonly LineCommand[] = [
  {
    verbs: ["ns", "namespace"],
    usage: ["ns", "ns NAME", "ns all"],
    // Alone it opens the namespaces pane, as k9s's `:ns` opens its namespace view.
    run: (arg, k) => {
      if (arg) {
        k.send(arg === "all" ? { type: "SCOPE.SET" } : { type: "SCOPE.SET", namespace: arg });
        return;
      }
      k.send({ type: "FOCUS.SET", pane: "namespaces" });
      k.say(`In ${scopeLabel(k.snap.context)} — Enter switches to the namespace under the cursor`);
    },
  },
  {
    verbs: ["ctx", "context"],
    usage: ["ctx NAME"],
    run: (arg, k) => (arg ? k.send({ type: "CONTEXT.SWITCH", name: arg }) : k.say(contexts(k))),
  },
  { verbs: ["recover"], usage: ["recover"], run: (_arg, k) => k.send({ type: "RECOVER.START" }) },
  { verbs: ["q", "quit"], usage: ["q"], run: (_arg, k) => k.send({ type: "QUIT" }) },
];

function contexts(k: KeyTarget): string {
  const cluster = k.snap.context.cluster;
  if (!cluster) return "Switch with :ctx NAME";
  const names = cluster.contexts.map((c) => (c === cluster.context ? `${c} (current)` : c));
  return `Contexts: ${names.join(", ")} — :ctx NAME switches`;
}

/** Every way to call a command, for help: ":ns NAME, :ns all, :ctx NAME, …". */
export function lineCommandUsage(): string {
  return LINE_COMMANDS.flatMap((c) => c.usage.map((u) => `:${u}`)).join(", ");
}

/** Runs a line typed after `:`. */
export function runLine(line: string, k: KeyTarget): void {
  const [verb, arg] = line.trim().split(/\s+/);
  const command = LINE_COMMANDS.find((c) => c.verbs.includes(verb!));
  if (command && (arg || !command.needsArgument)) command.run(arg, k);
  else if (verb) k.say(`Unknown command :${line.trim()} (try ${lineCommandUsage()})`);
}
