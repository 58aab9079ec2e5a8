import { useStdout } from "ink";
import { useEffect, useState } from "react";

export interface Layout {
  columns: number;
  rows: number;
  /** Rows between the header and the two bottom lines. */
  bodyHeight: number;
  /** Height of the lists row (namespaces, releases); the rest goes to history and detail. */
  topHeight: number;
  bottomHeight: number;
  namespacesWidth: number;
  historyWidth: number;
  /** Wide enough for side-by-side diffs. */
  wide: boolean;
}

/** Splits the terminal into panes; everything fits from 80×24 up. */
export function computeLayout(columns: number, rows: number): Layout {
  const c = Math.max(40, columns);
  const r = Math.max(12, rows);
  const bodyHeight = r - 3;
  const topHeight = Math.max(5, Math.floor(bodyHeight * 0.45));
  return {
    columns: c,
    rows: r,
    bodyHeight,
    topHeight,
    bottomHeight: bodyHeight - topHeight,
    namespacesWidth: c >= 100 ? 22 : 16,
    // Half the width once there is room: descriptions (a failed upgrade's reason) are long.
    historyWidth: Math.floor(c * (c >= 120 ? 0.5 : 0.45)),
    wide: c >= 160,
  };
}

/** The layout for the current terminal size, recomputed on resize. */
export function useLayout(): Layout {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout]);
  return computeLayout(size.columns, size.rows);
}
