import type { Path, SourceMap } from '../load/yaml-source.js';
import type { LoadedReport } from '../load/load-report.js';
import type { Textstycke } from '../core/model/dokument.js';

/**
 * Everything a reader reads that is written in the data rather than the narrative: table
 * captions, chart titles, comments and footnotes; goal descriptions, bedömning analyses, results and
 * deviations; indicator explanations; uppdrag notes and status comments. Each becomes a
 * paragraph for the checks, at its YAML position, with the names above it as its headings.
 */
export function dataTexts(r: LoadedReport): Textstycke[] {
  const out: Textstycke[] = [];
  const add = (
    source: SourceMap | undefined,
    fil: string,
    path: Path,
    text: string | undefined,
    rubriker: string[],
  ): void => {
    if (!text || !text.trim()) return;
    const plats = source?.at(path) ?? { fil, rad: 1, kolumn: 1 };
    out.push({ text, rubriker, plats, refSpann: [], segment: [{ offset: 0, plats }] });
  };
  const tf = `data/${r.id}/tabeller.yaml`;
  r.tabeller.tabeller.forEach((t, ti) => {
    const heads = [t.rubrik, ...(t.avser ? [t.avser] : [])];
    // The caption and the chart titles are read too: "Nettokostnad 2024, 52,1 mnkr" is a claim.
    add(r.sources.tabeller, tf, ['tabeller', ti, 'rubrik'], t.rubrik, t.avser ? [t.avser] : []);
    t.diagram?.forEach((g, gi) =>
      add(r.sources.tabeller, tf, ['tabeller', ti, 'diagram', gi, 'rubrik'], g.rubrik, heads),
    );
    add(r.sources.tabeller, tf, ['tabeller', ti, 'kommentar'], t.kommentar, heads);
    t.fotnoter.forEach((f, fi) => add(r.sources.tabeller, tf, ['tabeller', ti, 'fotnoter', fi, 'text'], f.text, heads));
  });
  const mf = `data/${r.id}/mal.yaml`;
  r.mål?.målområden.forEach((o, oi) =>
    o.kommunövergripande_mål.forEach((k, ki) =>
      k.nämndmål.forEach((n, ni) => {
        const np: Path = ['målområden', oi, 'kommunövergripande_mål', ki, 'nämndmål', ni];
        const heads = [o.namn, k.namn, n.namn];
        add(r.sources.mål, mf, [...np, 'beskrivning'], n.beskrivning, heads);
        const b = n.bedömning;
        if (b) {
          add(r.sources.mål, mf, [...np, 'bedömning', 'analys'], b.analys, heads);
          b.resultat.forEach((x, i) => add(r.sources.mål, mf, [...np, 'bedömning', 'resultat', i], x, heads));
          b.avvikelser.forEach((x, i) => add(r.sources.mål, mf, [...np, 'bedömning', 'avvikelser', i], x, heads));
        }
        n.indikatorer.forEach((ind, ii) =>
          add(r.sources.mål, mf, [...np, 'indikatorer', ii, 'förklaring'], ind.förklaring, [...heads, ind.namn]),
        );
      }),
    ),
  );
  const uf = `data/${r.id}/uppdrag.yaml`;
  r.uppdrag?.listor.forEach((l, li) =>
    l.uppdrag.forEach((u, ui) => {
      const heads = [l.rubrik, u.text];
      add(r.sources.uppdrag, uf, ['listor', li, 'uppdrag', ui, 'kommentar'], u.kommentar, heads);
      add(r.sources.uppdrag, uf, ['listor', li, 'uppdrag', ui, 'not'], u.not, heads);
    }),
  );
  return out;
}
