/** One table of a suite's results. */
export interface Table {
  title: string
  columns: string[]
  rows: string[][]
  /** Columns aligned right (numbers); by index. */
  right?: number[]
}

function plain(cell: string): string {
  return cell.replace(/\*\*/g, '')
}

function width(cell: string): number {
  // CJK characters take two columns in a terminal.
  let size = 0
  for (const char of plain(cell))
    size += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(char) ? 2 : 1
  return size
}

/** The table as aligned text for a terminal. */
export function renderText(table: Table): string {
  const right = new Set(table.right ?? [])
  const widths = table.columns.map((column, index) => Math.max(width(column), ...table.rows.map(row => width(row[index] ?? ''))))
  const line = (cells: string[]): string => cells.map((cell, index) => {
    const pad = ' '.repeat(widths[index]! - width(cell))
    return right.has(index) ? pad + plain(cell) : plain(cell) + pad
  }).join('  ').trimEnd()
  return [
    table.title,
    line(table.columns),
    widths.map(size => '─'.repeat(size)).join('  '),
    ...table.rows.map(line),
  ].join('\n')
}

/** Escapes `<` outside code spans, so that `<WechatQrLogin>` is not taken for an HTML tag. */
export function escapeHtmlText(text: string): string {
  return text.split('`').map((part, index) => index % 2 === 1 ? part : part.replace(/</g, '&lt;')).join('`')
}

function escapeCell(cell: string): string {
  return escapeHtmlText(cell).replace(/\|/g, '\\|')
}

/** The table as GitHub Markdown. */
export function renderMarkdown(table: Table): string {
  const right = new Set(table.right ?? [])
  return [
    `**${table.title}**`,
    '',
    `| ${table.columns.map(escapeCell).join(' | ')} |`,
    `|${table.columns.map((_, index) => right.has(index) ? '---:' : '---').join('|')}|`,
    ...table.rows.map(row => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n')
}
