"use client";

/** A column of a printed book as its table needs it. */
export interface BookTableColumn {
  title: string;
  /** In % of the page's width. */
  width: number;
  centre: boolean;
}

/**
 * The table of a printed book or report (components/registers/book-print.tsx): the columns' titles and
 * numbers, then each line, a heading between rows (a string) or a row's cells already worded. A client
 * component without state: a year's book is hundreds of rows, sent as data rather than as elements.
 */
export function BookTable({ label, columns, lines, empty }: {
  label: string; columns: readonly BookTableColumn[]; lines: readonly (string | readonly string[])[]; empty: string;
}) {
  return (
    <table className="book-table" aria-label={label}>
      <colgroup>
        {columns.map((c) => (
          <col key={c.title} style={{ width: `${c.width}%` }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.title} scope="col">
              {c.title}
            </th>
          ))}
        </tr>
        <tr>
          {columns.map((c, i) => (
            <th key={c.title} scope="col" className="c" style={{ fontWeight: 400 }}>
              ({i + 1})
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.length === 0 ? (
          <tr>
            <td colSpan={columns.length} className="c">
              {empty}
            </td>
          </tr>
        ) : (
          lines.map((line, r) =>
            typeof line === "string" ? (
              <tr key={`h${r}`}>
                <th scope="rowgroup" colSpan={columns.length} className="h" style={{ textAlign: "left" }}>
                  {line}
                </th>
              </tr>
            ) : (
              <tr key={r}>
                {line.map((v, i) => (
                  <td key={i} className={columns[i].centre ? "c" : undefined}>
                    {v}
                  </td>
                ))}
              </tr>
            ),
          )
        )}
      </tbody>
    </table>
  );
}
