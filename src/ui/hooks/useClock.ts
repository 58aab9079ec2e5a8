import { useEffect, useState } from "react";

/**
 * The time ages are shown against, read afresh at each render, plus a timer
 * that renders again when the youngest age shown would next read differently
 * (each second while it is under two minutes, then each minute, then each
 * hour): AGE columns tick without anything being fetched, and an idle screen
 * of old releases is not redrawn every second. Older ages roll over at their
 * own boundaries, at most one tick of the youngest's unit late.
 */
export function useClock(
  read: () => Date,
  youngest: Date | undefined,
  until: (ms: number) => number,
): Date {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!youngest) return;
    const wait = until(read().getTime() - youngest.getTime());
    const timer = setTimeout(() => setTick((t) => t + 1), wait);
    return () => clearTimeout(timer);
  }, [tick, youngest, read, until]);
  return read();
}
