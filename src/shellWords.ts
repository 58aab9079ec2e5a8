/**
 * A command line a user can paste into a POSIX shell: words that need it are single-quoted
 * (a `'` inside becomes `'\''`), the rest are left as typed.
 */
export function commandLine(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}

/** One word for a POSIX shell: bare when every character is safe, else single quotes. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
