import type { Diagnostic } from '../../../core/diagnostics/diagnostic.js';
import type { Dokument } from '../../../core/model/dokument.js';
import type { TextBelopp } from '../../../core/model/kontroll.js';
import type { CheckRule } from '../../run-checks.js';
import { indicatorOutcome } from '../bedomning-mot-indikatorer/index.js';
import { NUMBER_WORDS, parseSwedishNumber } from '../../text/numbers.js';
import { inRef, positionOf } from '../../text/position.js';

interface Candidate {
  namn: string;
  antal: number;
  id: string;
}

/** What a counted noun can refer to in this report, with the numbers the data gives. */
/**
 * A text under a goal (its analysis, results, deviations) counts that goal's indicators: all of
 * them, and those that reach or miss their målvärde ("tre av fyra nämndindikatorer").
 */
function goalIndicators(d: Dokument, rubriker: string[]): Candidate[] | undefined {
  for (const block of d.mål.filter((b) => b.kolumner.length > 0)) {
    const g = block.nämndmål.find((x) => rubriker.includes(x.namn));
    if (!g) continue;
    const outcomes = g.indikatorer.map((i) => indicatorOutcome(i, block.kolumner)?.når);
    const id = `antal/indikatorer/${g.id}`;
    return [
      { namn: `indikatorer för "${g.namn}"`, antal: g.indikatorer.length, id },
      { namn: 'som når målvärdet', antal: outcomes.filter((x) => x === true).length, id: `${id}/når` },
      { namn: 'som inte når målvärdet', antal: outcomes.filter((x) => x === false).length, id: `${id}/når-inte` },
      // An indicator without a comparable value yet may still be counted as expected to reach it.
      {
        namn: 'som når eller saknar jämförbart värde',
        antal: outcomes.filter((x) => x !== false).length,
        id: `${id}/når-eller-okänt`,
      },
    ];
  }
  return undefined;
}

function candidates(
  d: Dokument,
  noun: string,
  between: string,
  sentence: string,
  rubriker: string[] = [],
): Candidate[] | undefined {
  const goals = d.mål.flatMap((m) => m.nämndmål);
  const lists = d.uppdrag;
  const ofType = (typ: string): Candidate[] =>
    lists
      .filter((l) => l.uppdragstyp === typ)
      .map((l) => ({
        namn: /uppdrag$/i.test(l.rubrik) ? l.rubrik.toLowerCase() : `${l.rubrik.toLowerCase()} uppdrag`,
        antal: l.uppdrag.length,
        id: `antal/uppdrag/${l.id}`,
      }));
  const sum = (cs: Candidate[], namn: string, id: string): Candidate[] =>
    cs.length ? [{ namn, antal: cs.reduce((n, c) => n + c.antal, 0), id }] : [];
  const q = `${between} ${noun}`.toLowerCase();
  if (/^(nämndmål|förvaltningsmål)$/.test(noun)) {
    const byLevel = ['uppfylls-delvis', 'uppfylls-ej', 'uppfylls', 'kan-ej-bedömas']
      .map((nivå) => ({ nivå, n: goals.filter((g) => g.bedömning?.nivå === nivå).length }))
      .filter((x) => x.n > 0);
    const s = sentence.toLowerCase();
    const bedömda: Candidate[] = byLevel
      .filter((x) =>
        x.nivå === 'uppfylls-delvis'
          ? /delvis/.test(s)
          : x.nivå === 'uppfylls-ej'
            ? /\bej\b|inte/.test(s)
            : /uppfyll|uppnå/.test(s),
      )
      .map((x) => ({
        namn: `nämndmål som bedöms ${x.nivå.replace(/-/g, ' ')}`,
        antal: x.n,
        id: `antal/nämndmål/${x.nivå}`,
      }));
    return [{ namn: 'nämndmål', antal: goals.length, id: 'antal/nämndmål' }, ...bedömda];
  }
  if (/indikator/.test(noun))
    return (
      goalIndicators(d, rubriker) ?? [
        { namn: 'indikatorer', antal: goals.reduce((n, g) => n + g.indikatorer.length, 0), id: 'antal/indikatorer' },
      ]
    );
  if (noun === 'nämnduppdrag') return ofType('nämnduppdrag');
  if (/uppdrag$/.test(noun)) {
    if (/kommungemensam/.test(q)) return ofType('kommungemensamt');
    if (/nämndspecifik/.test(q)) return ofType('nämndspecifikt');
    const strategic = sum(
      [...ofType('kommungemensamt'), ...ofType('nämndspecifikt')],
      'strategiska utvecklingsuppdrag',
      'antal/uppdrag/strategiska',
    );
    if (/strategisk|utvecklingsuppdrag/.test(q)) return strategic;
    // A delårsrapport also counts uppdrag by status ("tre uppdrag kvarstår").
    const statuses = [...new Set(lists.flatMap((l) => l.uppdrag.map((u) => u.status)).filter((x): x is string => !!x))];
    const byStatus = statuses.map((st) => ({
      namn: `uppdrag med status ${st}`,
      antal: lists.reduce((n, l) => n + l.uppdrag.filter((u) => u.status === st).length, 0),
      id: `antal/uppdrag/status/${st}`,
    }));
    return [
      ...sum(
        lists.map((l) => ({ namn: l.rubrik, antal: l.uppdrag.length, id: '' })),
        'uppdrag totalt',
        'antal/uppdrag',
      ),
      ...strategic,
      ...lists.flatMap((l) => ofType(l.uppdragstyp)),
      ...byStatus,
    ];
  }
  return undefined;
}

const COUNT = new RegExp(
  `(?<![\\p{L}\\d,.:/-])(\\d+|${Object.keys(NUMBER_WORDS).join('|')})((?:\\s+[\\p{L}-]+){0,3}?)\\s+(nämndmål|förvaltningsmål|nämndindikatorer|förvaltningsindikatorer|indikatorer|nämnduppdrag|utvecklingsuppdrag|uppdrag)\\b`,
  'giu',
);

/** Every noun COUNT ends with holds one of these: a paragraph without them is not searched. */
const COUNTED = /mål|indikatorer|uppdrag/iu;

/** A count in the text ("18 nämndmål", "elva uppdrag") must match the data it counts. */
export const counts: CheckRule = {
  id: 'antal',
  run(d: Dokument) {
    const fynd: Diagnostic[] = [];
    const belopp: TextBelopp[] = [];
    for (const p of d.textstycken) {
      if (!COUNTED.test(p.text)) continue;
      for (const m of p.text.matchAll(COUNT)) {
        const start = m.index ?? 0;
        if (inRef(p, start, start + m[0].length)) continue;
        const word = m[1]!.toLowerCase();
        const n = NUMBER_WORDS[word] ?? parseSwedishNumber(word)?.value;
        if (n === undefined) continue;
        const sentence = p.text.slice(Math.max(0, start - 120), start + m[0].length + 120);
        const cs = candidates(d, m[3]!.toLowerCase(), m[2] ?? '', sentence, p.rubriker);
        if (!cs || !cs.length) continue;
        const plats = positionOf(p, start);
        const hit = cs.find((c) => c.antal === n);
        const text = m[0].trim();
        if (hit) {
          belopp.push({ text, plats, värde: n, enhet: 'antal', verdikt: 'stämmer', fakta: [hit.id] });
          continue;
        }
        const expected = cs.map((c) => `${c.antal} ${c.namn}`).join(', eller ');
        belopp.push({
          text,
          plats,
          värde: n,
          enhet: 'antal',
          verdikt: 'motsäger',
          fakta: [cs[0]!.id],
          kommentar: `data: ${expected}`,
        });
        fynd.push({
          allvarlighet: 'fel',
          regel: 'antal',
          meddelande: `"${text}": data har ${expected}`,
          plats,
          fakta: cs.map((c) => c.id),
        });
      }
    }
    return { fynd, belopp };
  },
};
