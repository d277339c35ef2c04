import { formatNumber, NBSP } from '../../core/format/number.js';
import type { DiagramBlock } from '../../core/model/dokument.js';

/** "Diagram N. rubrik": the caption every format shows. */
export function chartCaption(b: DiagramBlock): string {
  return `Diagram ${b.nummer}. ${b.rubrik}`;
}

/** A value as printed on a bar or in the data table, in the chart's decimals. */
export function formatValue(b: DiagramBlock, v: number): string {
  return formatNumber(v, b.decimaler);
}

/** A value with its unit, as in running text: "297,1 mnkr" (no-break space), "12,5%", "40". */
export function formatWithUnit(b: DiagramBlock, v: number, decimals = b.decimaler): string {
  const text = formatNumber(v, decimals);
  if (b.enhet === '%') return `${text}%`;
  if (b.enhet === '' || b.enhet === 'antal') return text;
  return `${text}${NBSP}${b.enhet}`;
}

const ENHETSRUBRIK: Record<string, string> = {
  kr: 'Belopp i kr',
  tkr: 'Belopp i tkr',
  mnkr: 'Belopp i mnkr',
  mdkr: 'Belopp i mdkr',
  '%': 'Andel i procent',
  antal: 'Antal',
};

/** What the value axis measures: "Belopp i mnkr". */
export function unitTitle(enhet: string): string {
  return ENHETSRUBRIK[enhet] ?? enhet;
}

/** "A, B och C". */
export function joinOch(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}
