import { describe, expect, it } from "vitest";
import { layoutColumns, rowText, type Column } from "../../src/ui/columns.js";
import { wrapLines } from "../../src/ui/wrapLines.js";

interface Row {
  name: string;
  status: string;
  note: string;
}

const NOW = new Date(0);
const COLUMNS: Column<Row>[] = [
  { title: "NAME", cell: (r) => r.name, min: 6, priority: 100 },
  { title: "STATUS", cell: (r) => r.status, priority: 90 },
  { title: "NOTE", cell: (r) => r.note, min: 6, priority: 10, grow: true },
];
const ROWS: Row[] = [
  { name: "web", status: "deployed", note: "Install complete" },
  { name: "checkout-service", status: "failed", note: "Upgrade failed: timed out" },
];
const line = (width: number, columns = COLUMNS, rows = ROWS) => {
  const layout = layoutColumns(columns, rows, width, NOW);
  return rows.map((r) => rowText(layout, r, NOW));
};

describe("layoutColumns", () => {
  it("gives each column its content's width and the rest to the growing column", () => {
    expect(line(80)[1]).toBe("checkout-service  failed    Upgrade failed: timed out".padEnd(80));
    const layout = layoutColumns(COLUMNS, ROWS, 80, NOW);
    expect(layout.columns.map((c) => c.width)).toEqual([16, 8, 52]);
  });

  it("cuts the lowest priority first, and keeps a space between columns", () => {
    // One space is enough between columns when the text needs the room.
    expect(line(40)).toEqual([
      "web              deployed Install compl…",
      "checkout-service failed   Upgrade faile…",
    ]);
  });

  it("drops a column that cannot fit at its min, then cuts the next", () => {
    expect(line(31)[1]).toBe("checkout-service  failed".padEnd(31));
    expect(line(14)).toEqual(["web           ", "checkout-serv…"]);
  });

  it("never passes the width, whatever it is given", () => {
    for (let width = 1; width < 60; width++) {
      for (const text of line(width)) expect([...text].length).toBe(width);
    }
  });

  it("takes a new column as one more entry", () => {
    const withAge: Column<Row>[] = [
      ...COLUMNS.slice(0, 2),
      { title: "AGE", cell: () => "3d", align: "right", priority: 20 },
      COLUMNS[2]!,
    ];
    expect(line(60, withAge)[0]).toMatch(/^web {15}deployed {3}3d {2}Install complete/);
    // It gives way before the columns that matter more.
    expect(line(25, withAge)[1]).toBe("checkout-service failed  ");
  });
});

describe("wrapLines", () => {
  it("breaks at spaces, and inside a word only when it is wider than the line", () => {
    expect(wrapLines("Upgrade failed: timed out waiting", 12)).toEqual([
      "Upgrade",
      "failed:",
      "timed out",
      "waiting",
    ]);
    expect(wrapLines("registry.example.com/web:2.0", 10)).toEqual([
      "registry.e",
      "xample.com",
      "/web:2.0",
    ]);
  });
});
