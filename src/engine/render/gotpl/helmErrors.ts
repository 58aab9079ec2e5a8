/**
 * helm's rewording of text/template errors (pkg/engine/engine.go cleanupParseError and
 * reformatExecErrorMsg), applied to the Go error text our evaluator produces, so that a user sees
 * exactly what `helm template` prints.
 */

const WARN_START = "HELM_ERR_START";
const WARN_END = "HELM_ERR_END";

/** helm marks `required`/`fail` messages so it can print them without the exec trace. */
export function warnWrap(message: string): string {
  return WARN_START + message + WARN_END;
}

/** `template: NAME:LINE: MSG` → `parse error at (NAME:LINE): MSG`. */
export function helmParseError(filename: string, goMessage: string): string {
  const tokens = goMessage.split(": ");
  if (tokens.length === 1) return `parse error in (${filename}): ${goMessage}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

interface TraceEntry {
  location: string;
  executed: string;
  message: string;
}

/** helm's multi-line trace of an execution error, or the Go text itself when helm cannot parse it. */
export function helmExecError(filename: string, goMessage: string): string {
  const tokens = splitN(goMessage, ": ", 3);
  if (tokens.length !== 3) return `execution error in (${filename}): ${goMessage}`;
  const start = tokens[2]!.indexOf(WARN_START);
  const end = tokens[2]!.lastIndexOf(WARN_END);
  if (start !== -1 && end > start) {
    return `execution error at (${tokens[1]}): ${tokens[2]!.slice(start + WARN_START.length, end)}`;
  }
  // Go's error chain: an ExecError whose message ends in `error calling F: <F's error>`, where
  // F's error is itself an ExecError (include) or something else (tpl's wrapper). helm walks
  // the chain and gives up — printing the raw text — at the first link it cannot parse.
  const entries: TraceEntry[] = [];
  let current: string | undefined = goMessage;
  while (current !== undefined) {
    const entry = parseTraceEntry(current);
    if (!entry) return goMessage;
    const last = entries.at(-1);
    if (
      !last ||
      last.location !== entry.location ||
      last.executed !== entry.executed ||
      last.message !== entry.message
    )
      entries.push(entry);
    current = wrappedError(current);
  }
  return entries
    .map((e) => {
      let s = "";
      if (e.location) s += `${e.location}\n  `;
      if (e.executed) s += `${e.executed}\n    `;
      if (e.message) s += `${e.message}\n`;
      return s;
    })
    .join("")
    .trim();
}

/** The error a function call returned, when the message is `… error calling NAME: <it>`. */
function wrappedError(message: string): string | undefined {
  const m = /: error calling [^:]+: /.exec(message);
  return m ? message.slice(m.index + m[0].length) : undefined;
}

function parseTraceEntry(s: string): TraceEntry | undefined {
  const prefix = "template: ";
  if (!s.startsWith(prefix)) return undefined;
  const rest = s.slice(prefix.length);
  if (rest.startsWith("no template ")) return { location: "", executed: "", message: s };
  const idx = rest.indexOf(": executing ");
  if (idx !== -1) {
    const name = rest.slice(0, idx);
    const after = rest.slice(idx + ": executing ".length);
    if (after.startsWith('"')) {
      const endQuote = after.indexOf('"', 1);
      if (endQuote !== -1 && after.slice(endQuote + 1).startsWith(" at <")) {
        const afterAt = after.slice(endQuote + 1 + " at <".length);
        const endLoc = afterAt.indexOf(">: ");
        if (endLoc !== -1) {
          let message = afterAt.slice(endLoc + 3);
          const cut = message.indexOf(" template:");
          if (cut !== -1) message = message.slice(0, cut);
          return {
            location: name,
            executed: `executing "${after.slice(1, endQuote)}" at <${afterAt.slice(0, endLoc)}>:`,
            message,
          };
        }
      }
    }
    return undefined;
  }
  const sep = rest.lastIndexOf(": ");
  if (sep === -1) return undefined;
  let message = rest.slice(sep + 2);
  const cut = message.indexOf(" template:");
  if (cut !== -1) message = message.slice(0, cut);
  return { location: rest.slice(0, sep), executed: "", message };
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i === -1) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}
