/** A values tree as parsed from YAML: maps, lists and scalars. */
export type Values = { [key: string]: unknown };

export function isValuesMap(value: unknown): value is Values {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
  );
}
