import type { ReactNode } from 'react';

export interface Column<T> {
  /** Column heading; leave empty for an actions column and give `label` (read by screen readers). */
  header?: ReactNode;
  label?: string;
  /** Right-aligned, tabular figures. */
  num?: boolean;
  cell: (row: T) => ReactNode;
}

/**
 * The console's one table: a scrollable wrapper, headings, a row per item. Every screen's list goes through
 * it, so headings, alignment and empty action headers (labelled for screen readers) are the same everywhere.
 */
export function DataTable<T>({ rows, columns, rowKey, label, rowLabel }: { rows: readonly T[]; columns: readonly (Column<T> | false | null | undefined)[]; rowKey: (row: T) => string; label?: string; rowLabel?: (row: T) => string }) {
  const cols = columns.filter((c): c is Column<T> => Boolean(c));
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            {cols.map((c, i) => (
              <th key={i} className={c.num ? 'num' : undefined} aria-label={c.header ? undefined : c.label ?? 'Actions'}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} aria-label={rowLabel?.(row)}>
              {cols.map((c, i) => (
                <td key={i} className={c.num ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
