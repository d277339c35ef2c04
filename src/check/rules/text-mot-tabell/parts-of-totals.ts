import type { Diagnostic } from '../../../core/diagnostics/diagnostic.js';
import { formatNumber } from '../../../core/format/number.js';
import type { Textstycke } from '../../../core/model/dokument.js';
import type { TextBelopp } from '../../../core/model/kontroll.js';
import { halfUnit } from '../../interval.js';
import type { Lexikon } from '../../lexikon.js';
import type { TextAmount } from '../../text/amounts.js';
import { positionOf } from '../../text/position.js';
import { sentenceAt } from '../../text/sentences.js';

/**
 * A total followed by its parts in parentheses ("−4,4 mnkr … till A (1,5 mnkr), B (0,7 mnkr) …"):
 * the parts must add up to the total. Parts that do are verified through the total; parts that
 * do not contradict it.
 */
export function partsOfTotals(p: Textstycke, amounts: TextAmount[], results: TextBelopp[], lex: Lexikon): Diagnostic[] {
  const fynd: Diagnostic[] = [];
  const isPart = (a: TextAmount): boolean => p.text[a.start - 1] === '(' && /^\s*\)/.test(p.text.slice(a.end));
  for (let i = 0; i < amounts.length; i++) {
    const total = amounts[i]!;
    if (isPart(total)) continue;
    const parts: number[] = [];
    for (let j = i + 1; j < amounts.length && isPart(amounts[j]!) && amounts[j]!.unit === total.unit; j++)
      parts.push(j);
    // Or a list after a colon: "−4,4 mnkr … flyttas: 1,5 mnkr till A, 0,7 mnkr till B".
    const next = amounts[i + 1];
    if (
      !parts.length &&
      next &&
      /:/.test(p.text.slice(total.end, next.start)) &&
      !/[.!?]\s/.test(p.text.slice(total.end, next.start))
    ) {
      for (let j = i + 1; j < amounts.length && amounts[j]!.unit === total.unit && !amounts[j]!.sign; j++)
        parts.push(j);
    }
    // Or parts before a total: "13,5 mnkr … tillsammans med 30 mnkr … sammanlagt 43,5 mnkr".
    if (!parts.length && lex.summaord.test(p.text.slice(Math.max(0, total.start - 30), total.start).toLowerCase())) {
      const sentenceStart = sentenceAt(p.text, total.start).start;
      for (let j = i - 1; j >= 0 && amounts[j]!.start >= sentenceStart && amounts[j]!.unit === total.unit; j--)
        parts.unshift(j);
    }
    if (parts.length < 2) continue;
    const sum = parts.reduce((n, j) => n + amounts[j]!.value, 0);
    const decimals = Math.max(total.decimals, ...parts.map((j) => amounts[j]!.decimals));
    const bound = (parts.length + 1) * halfUnit(decimals);
    const ok = Math.abs(sum - Math.abs(total.value)) <= bound + 1e-9;
    const exact = Math.abs(sum - Math.abs(total.value)) < 1e-9;
    const totalResult = results[i];
    for (const j of parts) {
      const r = results[j];
      if (!r || (r.verdikt !== 'ej verifierbar' && r.verdikt !== 'motsäger') || (r.verdikt === 'motsäger' && !ok))
        continue;
      r.verdikt = exact ? 'stämmer' : ok ? 'stämmer inom avrundning' : 'motsäger';
      r.fakta = totalResult?.fakta ?? [];
      r.kommentar = `del av ${total.text}: delarna summerar till ${formatNumber(sum, decimals)} ${total.unit}`;
    }
    if (!ok) {
      fynd.push({
        allvarlighet: 'fel',
        regel: 'text-summa',
        meddelande: `delarna ${parts.map((j) => amounts[j]!.text).join(' + ')} summerar till ${formatNumber(sum, decimals)} ${total.unit}, men texten anger ${total.text}`,
        plats: positionOf(p, total.start),
        ...(totalResult?.fakta.length ? { fakta: totalResult.fakta } : {}),
      });
    }
  }
  return fynd;
}
