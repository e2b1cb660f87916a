// A table whose columns sort on click (or Enter/Space: the headers are buttons).
import { type ReactNode, useState } from "react";
import { ScrollRegion } from "./ScrollRegion.tsx";

export type Column<T> = {
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  sort?: (row: T) => number | string;
  numeric?: boolean;
};

export function SortableTable<T>(props: {
  caption: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  initialSort?: string;
  testId?: string;
}) {
  const { caption, rows, columns, rowKey } = props;
  const [sortKey, setSortKey] = useState(props.initialSort ?? columns[0]?.key ?? "");
  const [descending, setDescending] = useState(true);
  const column = columns.find((c) => c.key === sortKey);
  const sorted = column?.sort
    ? [...rows].sort((a, b) => {
        const x = column.sort?.(a) ?? 0;
        const y = column.sort?.(b) ?? 0;
        const order = x < y ? -1 : x > y ? 1 : 0;
        return descending ? -order : order;
      })
    : rows;
  return (
    <ScrollRegion label={caption}>
      <table data-testid={props.testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.numeric ? "num" : undefined}
                aria-sort={c.key === sortKey ? (descending ? "descending" : "ascending") : undefined}
              >
                {c.sort ? (
                  <button
                    type="button"
                    className="sort"
                    onClick={() => {
                      if (c.key === sortKey) setDescending(!descending);
                      else {
                        setSortKey(c.key);
                        setDescending(true);
                      }
                    }}
                  >
                    {c.label}
                    {c.key === sortKey ? (descending ? " ▾" : " ▴") : ""}
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? "num" : undefined}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
