/** commander's argParser for a repeatable option: each use adds to the list. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
