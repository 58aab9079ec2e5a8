/** Small helpers shared by the sandbox modules. */

const NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

export function randomSuffix(n = 5): string {
  let s = "";
  for (let i = 0; i < n; i++) s += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
  return s;
}

export function timestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, "Z");
}
