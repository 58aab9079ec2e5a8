/**
 * Who acted and why, kept in the revision's description: the one free-text field helm stores per
 * revision and shows in `helm history` (release labels would not do: helm copies them forward to
 * the next revision). The format reads as a sentence in helm's table and parses back:
 * `Upgrade complete · by alice · "rotate certs"` (docs/release-storage.md#who-and-why).
 */
export interface Attribution {
  /** The user the API server says made the request (or the kubeconfig's user). */
  by?: string;
  /** `--description`: the reason the user gave. */
  reason?: string;
}

export interface AttributedDescription extends Attribution {
  /** What happened, as helm would have written it ("Upgrade complete", "Rollback to 3"). */
  text: string;
}

const SEPARATOR = " · ";
// A reason is JSON-quoted, so quotes and line breaks in it cannot run into the rest.
// "\u00b7" is the separator's middle dot: the CLI bundle must stay ASCII, and esbuild keeps
// regular expressions as written.
const REASON = /^(.*) \u00b7 ("(?:[^"\\]|\\.)*")$/s;
// The last " · by " is ours: a failure message before it may quote an earlier description.
const BY = /^(.*) \u00b7 by (\S(?:[^\u00b7]*\S)?)$/s;

/** The description to store: `text`, then who and why where known. */
export function attributed(text: string, who: Attribution): string {
  let out = text;
  if (who.by) out += `${SEPARATOR}by ${who.by}`;
  if (who.reason) out += SEPARATOR + JSON.stringify(who.reason);
  return out;
}

/**
 * A stored description split back into its parts. A description in no format of ours — helm's
 * own, or one typed with helm's `--description` — comes back whole as `text`.
 */
export function parseDescription(description: string): AttributedDescription {
  let text = description;
  let reason: string | undefined;
  const quoted = REASON.exec(text);
  if (quoted) {
    try {
      reason = JSON.parse(quoted[2]!) as string;
      text = quoted[1]!;
    } catch {
      // Not a string we quoted: leave the description as it is.
    }
  }
  const by = BY.exec(text);
  if (!by) return reason !== undefined ? { text, reason } : { text: description };
  return {
    text: by[1]!,
    by: by[2]!,
    ...(reason !== undefined ? { reason } : {}),
  };
}
