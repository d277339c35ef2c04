import type { Fakt, TabellBlock } from '../../model/dokument.js';

/** Words that name a measure (a column's mått) in Swedish report prose. */
const MEASURE_WORDS: [RegExp, string[]][] = [
  [/\b(prognos\w*|helårsprognos\w*|årsprognos\w*|väntas|beräknas|bedöms|förväntas|helåret|för året|prognostiser\w*)\b/, ['prognos']],
  [/\b(per sista augusti|per den 31 augusti|för perioden|hittills|perioden|jan-aug|januari-augusti|redovisa\w*|utfall\w*|resultatet)\b/, ['redovisat', 'utfall']],
  [/\b(avvikelse\w*|överskott\w*|underskott\w*|budgetavvikelse\w*|under (?:budget|ramen|investeringsramen)|lägre än (?:budget|ramen))\b/, ['avvikelse']],
  [/\b(budget\w*|ram\w*)\b/, ['budget', 'ram']],
  [/\b(bokslut\w*)\b/, ['bokslut']],
  [/\b(plan|planen|planperioden|planåren)\b/, ['plan']],
  [/\b(investeringsram\w*)\b/, ['ram']],
];

export function measuresIn(text: string): Set<string> {
  const t = text.toLowerCase();
  const out = new Set<string>();
  for (const [re, ms] of MEASURE_WORDS) if (re.test(t)) for (const m of ms) out.add(m);
  return out;
}

/** Years a sentence names, including "i fjol" / "förra året" relative to the report's year. */
export function yearsIn(text: string, reportYear?: number): Set<number> {
  const years = new Set([...text.matchAll(/\b(19[5-9]\d|20\d\d)\b/g)].map((m) => Number(m[1])));
  if (reportYear !== undefined && /(förra året|föregående år|i fjol)/i.test(text)) years.add(reportYear - 1);
  return years;
}

const STOP = new Set(['summa', 'varav', 'kostnader', 'intäkter', 'netto', 'inkl', 'och', 'samt', 'till', 'från', 'med', 'för', 'övrigt', 'pris', 'lön', 'specifikation', 'förändringar', 'belopp', 'budgetöverföring', 'nämnder', 'personalkostnader', 'gemensamma']);

/** Significant words of a label, cut to a stem so inflections still match. */
export function labelStems(label: string): string[] {
  return label
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 4 && !STOP.has(w))
    .map((w) => w.slice(0, Math.min(w.length, 7)));
}

/** How often each stem occurs across a document's paragraphs: names mentioned everywhere say little. */
export type StemWeight = (stem: string) => number;

export function stemWeights(paragraphs: string[]): StemWeight {
  const lower = paragraphs.map((p) => p.toLowerCase());
  const cache = new Map<string, number>();
  return (stem) => {
    let w = cache.get(stem);
    if (w === undefined) {
      const df = lower.filter((p) => p.includes(stem)).length / Math.max(1, lower.length);
      w = df <= 0.1 ? 1 : df >= 0.4 ? 0.2 : 1 - ((df - 0.1) / 0.3) * 0.8;
      cache.set(stem, w);
    }
    return w;
  };
}

/** How much of a set of stems a text mentions, 0..1, weighted so common names count less. */
export function mentionScore(stems: string[], text: string, weight: StemWeight = () => 1): number {
  if (!stems.length) return 0;
  const t = text.toLowerCase();
  const hits = stems.filter((s) => t.includes(s)).reduce((n, s) => n + weight(s), 0);
  return hits / stems.length;
}

/** The entity a fact is about: its row, or for a sum row the table's subject. */
export function factEntity(f: Fakt, t: TabellBlock | undefined, nämnd = ''): string[] {
  const row = labelStems(f.radEtikett);
  // A total is about the table's subject, and a summary table's total about the whole nämnd.
  if (f.roll === 'summa' && t && !t.avser) return labelStems(`${t.rubrik} ${nämnd}`);
  if ((f.roll === 'summa' || row.length === 0) && t) return labelStems(t.avser ?? t.rubrik);
  // "varav kostnader" is about the table's subject; "varav Leanlink" names its own.
  if (f.roll === 'varav' && t && /^varav (kostnader|intäkter|utgifter|inkomster)$/i.test(f.radEtikett.trim())) return labelStems(t.avser ?? t.rubrik);
  return row;
}
