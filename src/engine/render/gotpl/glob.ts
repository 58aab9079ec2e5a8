/**
 * Glob patterns as helm's `.Files.Glob` compiles them (gobwas/glob with '/' as the separator):
 * `*` and `?` stop at '/', `**` crosses it, `[a-z]`/`[!a-z]` classes, `{a,b}` alternatives and
 * `\` escapes. An invalid pattern matches everything, as helm falls back to `**`.
 */
export function globMatcher(pattern: string): (name: string) => boolean {
  let re: RegExp;
  try {
    re = new RegExp(`^${translate(pattern)}$`, "s");
  } catch {
    return () => true;
  }
  return (name) => re.test(name);
}

function translate(pattern: string): string {
  let out = "";
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      const next = pattern[++i];
      if (next === undefined) throw new Error("unterminated escape");
      out += escape(next);
    } else if (c === "*") {
      if (pattern[i + 1] === "*") {
        out += ".*";
        i++;
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end === -1) throw new Error("unterminated class");
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith("!");
      if (negate) body = body.slice(1);
      out += `[${negate ? "^" : ""}${body.replace(/[\\\]^]/g, "\\$&")}]`;
      i = end;
    } else if (c === "{") {
      depth++;
      out += "(?:";
    } else if (c === "}" && depth > 0) {
      depth--;
      out += ")";
    } else if (c === "," && depth > 0) out += "|";
    else out += escape(c);
  }
  if (depth !== 0) throw new Error("unterminated alternatives");
  return out;
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
