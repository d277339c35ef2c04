import type { Rad, Tabell } from '../schema/tabell.js';
import type { Export } from './ledger.js';

const q = (s: string): string => JSON.stringify(s);
const MAX_OBJEKT = 40;

function raderAtt(rader: Rad[], ut: Rad[] = []): Rad[] {
  for (const r of rader) {
    if (r.roll !== 'grupp') ut.push(r);
    if (r.rader) raderAtt(r.rader, ut);
  }
  return ut;
}

/**
 * A starting mapping for an export: its dimensions and objects, accounts and periods as
 * comments, the columns it was read with, and one entry per table whose columns are utfall or
 * budget, with its rows to fill in. Valid as it stands: importing it maps nothing and lists
 * every amount as unmapped, which is where the writer starts.
 */
export function nyMappning(exp: Export, rapport: string, tabeller: Tabell[]): string {
  const l: string[] = [];
  l.push(`# Importmappning för ${rapport}, skapad ur ${exp.fil} av kommunrapport import --ny-mappning.`);
  l.push('# Fyll i konton och objekt för varje tabellrad som ska hämtas ur exporten och kör sedan');
  l.push(`#   kommunrapport import ${rapport} --från ${exp.fil} --mappning <den här filen> --torrkörning`);
  l.push('#');
  l.push('# Exportens dimensioner och objekt:');
  if (!exp.dimensioner.size) l.push('#   (inga)');
  for (const d of exp.dimensioner.values()) {
    const obj = [...d.objekt].sort(([a], [b]) => a.localeCompare(b, 'sv', { numeric: true }));
    const text = obj
      .slice(0, MAX_OBJEKT)
      .map(([k, n]) => (n ? `${k} ${n}` : k))
      .join(', ');
    l.push(`#   ${d.namn}: ${text}${obj.length > MAX_OBJEKT ? ` … (${obj.length} objekt)` : ''}`);
  }
  const konton = [...exp.konton.keys()].sort((a, b) => a.localeCompare(b, 'sv', { numeric: true }));
  l.push(`# Konton: ${konton.length} st, ${konton[0] ?? '–'}–${konton.at(-1) ?? '–'}; per kontoklass:`);
  const klasser = new Map<string, string[]>();
  for (const k of konton) klasser.set(k[0]!, [...(klasser.get(k[0]!) ?? []), k]);
  for (const [klass, ks] of klasser) {
    l.push(
      `#   ${klass}: ${ks
        .slice(0, 12)
        .map((k) => (exp.konton.get(k) ? `${k} ${exp.konton.get(k)}` : k))
        .join(', ')}${ks.length > 12 ? ` … (${ks.length} konton)` : ''}`,
    );
  }
  const perioder = [...new Set(exp.rader.map((r) => r.period).filter((p): p is string => p !== undefined))].sort();
  const arter = [...new Set(exp.rader.map((r) => r.art))].sort();
  l.push(
    `# Perioder: ${perioder.length ? `${perioder[0]}..${perioder.at(-1)}` : '(inga)'}; beloppsarter: ${arter.join(', ') || '(inga)'}`,
  );
  l.push('');
  const k = exp.kolumner;
  if (k) {
    l.push('källa:');
    l.push('  kodning: auto');
    if (k.blad) l.push(`  blad: ${q(k.blad)}`);
    if (k.rubrikrad) l.push(`  rubrikrad: ${k.rubrikrad}`);
    l.push('  kolumner:');
    l.push(`    konto: ${q(k.konto)}`);
    if (k.kontonamn) l.push(`    kontonamn: ${q(k.kontonamn)}`);
    if (k.period) l.push(`    period: ${q(k.period)}`);
    l.push(
      `    dimensioner: {${Object.entries(k.dimensioner)
        .map(([d, c]) => `${q(d)}: ${q(c)}`)
        .join(', ')}}`,
    );
    l.push('    belopp:');
    for (const b of k.belopp)
      l.push(`      - {kolumn: ${q(b.kolumn)}, art: ${b.art}${b.period ? `, period: ${q(b.period)}` : ''}}`);
  }
  l.push('enhet: kr   # enheten i exporten: kr, tkr eller mnkr');
  l.push('tabeller:');
  let antal = 0;
  for (const t of tabeller) {
    const kolumner = t.kolumner.flatMap((c) => {
      const art = c.mått === 'utfall' || c.mått === 'bokslut' ? 'utfall' : c.mått === 'budget' ? 'budget' : undefined;
      return art ? [`      ${c.id}: {art: ${art}${c.år !== undefined ? `, perioder: "${c.år}"` : ''}}`] : [];
    });
    if (!kolumner.length || !['kr', 'tkr', 'mnkr', 'mdkr'].includes(t.enhet)) continue;
    antal++;
    l.push(`  - tabell: ${t.id}   # ${t.rubrik}, ${t.enhet}`);
    l.push(
      `    # urval: {${[...exp.dimensioner.keys()][0] ?? 'ansvar'}: ["…"]}   # vilka rader i exporten tabellen omfattar`,
    );
    l.push(`    tecken: som-i-exporten   # eller omvänt (${t.teckenkonvention})`);
    l.push('    kolumner:');
    l.push(...kolumner);
    l.push('    rader: {}');
    for (const r of raderAtt(t.rader)) l.push(`      # ${r.id}: {konton: ["…"]}   # ${r.etikett} (${r.roll})`);
  }
  if (!antal) l.push('  []  # rapporten har inga tabeller i kr, tkr eller mnkr med utfalls- eller budgetkolumner');
  return `${l.join('\n')}\n`;
}
