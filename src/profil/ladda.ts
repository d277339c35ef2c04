import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { Diagnostic, Position } from '../core/diagnostics/diagnostic.js';
import type { LoadedReport, ProjectPaths } from '../load/load-report.js';
import { loadYaml, type Path, type SourceMap } from '../load/yaml-source.js';
import { STANDARDPROFIL, type Profil } from '../core/model/profil.js';
import { profilSchema, type ProfilFil } from '../schema/profil.js';
import { slugify } from '../util/slug.js';
import { zodToDiagnostics } from '../load/zod-issues.js';
import { AA_TEXT, kontrast } from './kontrast.js';
import { granskaTypsnitt, KRÄVDA_TECKEN } from './typsnitt.js';
import { joinLexikon, profilLexikon } from './lexikon.js';

/** Where a kommun's profiles live: shared by all its reports. */
export const PROFILMAPP = 'profiler';
/** A report's own overrides of its kommun's profile. */
export const RAPPORTPROFIL = 'profil.yaml';

interface Läst {
  fil: string;
  abs: string;
  värde: ProfilFil;
  källa: SourceMap;
}

const rel = (root: string, p: string): string => relative(root, p).split('\\').join('/');

function läs(paths: ProjectPaths, abs: string, diagnostics: Diagnostic[]): Läst | undefined {
  const fil = rel(paths.root, abs);
  const y = loadYaml(readFileSync(abs, 'utf8'), fil);
  diagnostics.push(...y.diagnostics);
  if (y.value === undefined) return undefined;
  const p = profilSchema.safeParse(y.value ?? {});
  if (!p.success) {
    diagnostics.push(...zodToDiagnostics(p.error, y.value, y.source));
    return undefined;
  }
  return { fil, abs, värde: p.data, källa: y.source };
}

/**
 * The report's profile: data/profiler/<profil>.yaml (named by `profil:` in rapport.yaml, else by
 * the kommun's name; a missing default is no error), with data/<rapport>/profil.yaml over it.
 * Files it names (logo, fonts) must exist; text colours must pass WCAG AA on white; a font must
 * have the Swedish letters and U+2212. Every problem is a diagnostic at the profile's line.
 */
export function laddaProfil(
  paths: ProjectPaths,
  r: LoadedReport,
): { profil: Profil; diagnostics: Diagnostic[]; filer: { fil: string; text: string }[] } {
  const diagnostics: Diagnostic[] = [];
  const rapport = r.rapport;
  if (!rapport) return { profil: STANDARDPROFIL, diagnostics, filer: [] };
  const namn = rapport.profil ?? slugify(rapport.kommun);
  const kommunFil = join(paths.data, PROFILMAPP, `${namn}.yaml`);
  const lagren: Läst[] = [];
  let saknas = false;
  if (existsSync(kommunFil)) {
    const l = läs(paths, kommunFil, diagnostics);
    if (l) lagren.push(l);
  } else if (rapport.profil) {
    saknas = true;
    diagnostics.push({
      allvarlighet: 'fel',
      regel: 'profil',
      meddelande: `profilen ${rel(paths.root, kommunFil)} finns inte; skapa den eller rätta namnet i profil:`,
      plats: r.sources.rapport?.at(['profil']) ?? { fil: `data/${r.id}/rapport.yaml`, rad: 1, kolumn: 1 },
    });
  }
  const egen = join(paths.data, r.id, RAPPORTPROFIL);
  if (existsSync(egen)) {
    const l = läs(paths, egen, diagnostics);
    if (l) lagren.push(l);
  }
  const filer = lagren.map((l) => ({ fil: l.fil, text: readFileSync(l.abs, 'utf8') }));
  if (!lagren.length) return { profil: STANDARDPROFIL, diagnostics, filer };

  /** The layer that last set a field, for its value and its position. */
  const senast = (path: Path): Läst | undefined =>
    [...lagren].reverse().find((l) => hämta(l.värde, path) !== undefined);
  const plats = (path: Path): Position => {
    const l = senast(path) ?? lagren[lagren.length - 1]!;
    return l.källa.at(path);
  };
  const fel = (path: Path, meddelande: string): void =>
    void diagnostics.push({ allvarlighet: 'fel', regel: 'profil', meddelande, plats: plats(path) });
  const värde = <T>(path: Path): T | undefined => {
    const l = senast(path);
    return l ? (hämta(l.värde, path) as T) : undefined;
  };
  const fil = (path: Path): string | undefined => {
    const l = senast(path);
    const v = l ? hämta(l.värde, path) : undefined;
    return l && typeof v === 'string' ? resolve(dirname(l.abs), v) : undefined;
  };

  const b = STANDARDPROFIL.benämningar;
  const f = STANDARDPROFIL.färger;
  const profil: Profil = {
    filer: lagren.map((l) => l.fil),
    bedömning: värde<Profil['bedömning']>(['bedömning']) ?? STANDARDPROFIL.bedömning,
    uppdragsstatus: värde<Profil['uppdragsstatus']>(['uppdragsstatus']) ?? STANDARDPROFIL.uppdragsstatus,
    benämningar: {
      målområde: värde<string>(['benämningar', 'målområde']) ?? b.målområde,
      kommunmål: värde<string>(['benämningar', 'kommunmål']) ?? b.kommunmål,
      målkapitel: värde<string>(['benämningar', 'målkapitel']) ?? b.målkapitel,
      uppdrag: värde<string>(['benämningar', 'uppdrag']) ?? b.uppdrag,
      tabeller: värde<string>(['benämningar', 'tabeller']) ?? b.tabeller,
    },
    markörer: värde<Profil['markörer']>(['markörer']) ?? [],
    färger: {
      rubrik: värde<string>(['utseende', 'färger', 'rubrik']) ?? f.rubrik,
      text: värde<string>(['utseende', 'färger', 'text']) ?? f.text,
      länk: värde<string>(['utseende', 'färger', 'länk']) ?? f.länk,
      tabellhuvud: värde<string>(['utseende', 'färger', 'tabellhuvud']) ?? f.tabellhuvud,
      linje: värde<string>(['utseende', 'färger', 'linje']) ?? f.linje,
    },
    titelsida: värde<Profil['titelsida']>(['utseende', 'titelsida']) ?? {},
  };
  // The kommun's lexicon, then the report profile's additions to it.
  for (const l of lagren) {
    const lx = profilLexikon(paths, l.abs, l.värde.lexikon, l.källa.at(['lexikon']));
    diagnostics.push(...lx.diagnostics);
    if (lx.fil) filer.push(lx.fil);
    const joined = joinLexikon(profil.lexikon, lx.lexikon);
    if (joined) profil.lexikon = joined;
  }
  const sidhuvud = värde<string>(['utseende', 'sidhuvud']);
  const sidfot = värde<string>(['utseende', 'sidfot']);
  if (sidhuvud !== undefined) profil.sidhuvud = sidhuvud;
  if (sidfot !== undefined) profil.sidfot = sidfot;

  // Text colours must be readable on the white page (WCAG AA, 4,5:1).
  const textfärger: [Path, string][] = [
    [['utseende', 'färger', 'rubrik'], profil.färger.rubrik],
    [['utseende', 'färger', 'text'], profil.färger.text],
    [['utseende', 'färger', 'länk'], profil.färger.länk],
    ...profil.bedömning.map((n, i): [Path, string] => [['bedömning', i, 'färg'], n.färg]),
  ];
  for (const [path, c] of textfärger) {
    if (senast(path) === undefined) continue;
    const k = kontrast(c, '#ffffff');
    if (k < AA_TEXT)
      fel(
        path,
        `färgen ${c} har kontrasten ${k.toFixed(2).replace('.', ',')}:1 mot vit bakgrund; text behöver minst 4,5:1 (WCAG AA): välj en mörkare färg`,
      );
  }
  const huvud = kontrast(profil.färger.text, profil.färger.tabellhuvud);
  if (senast(['utseende', 'färger', 'tabellhuvud']) && huvud < AA_TEXT) {
    fel(
      ['utseende', 'färger', 'tabellhuvud'],
      `tabellhuvudets färg ${profil.färger.tabellhuvud} ger texten kontrasten ${huvud.toFixed(2).replace('.', ',')}:1; text behöver minst 4,5:1 (WCAG AA): välj en ljusare färg`,
    );
  }
  const ids = new Set<string>();
  profil.bedömning.forEach((n, i) => {
    if (ids.has(n.id)) fel(['bedömning', i, 'id'], `bedömningsnivån "${n.id}" finns två gånger`);
    ids.add(n.id);
  });

  const logo = fil(['utseende', 'logotyp']);
  if (logo) {
    const typ = extname(logo).toLowerCase();
    if (!existsSync(logo)) fel(['utseende', 'logotyp'], `logotypen ${rel(paths.root, logo)} finns inte`);
    else if (typ !== '.svg' && typ !== '.png')
      fel(['utseende', 'logotyp'], `logotypen ${rel(paths.root, logo)} är varken SVG eller PNG`);
    else {
      const bytes = readFileSync(logo);
      const breddMm = värde<number>(['utseende', 'logotypbredd']) ?? 40;
      profil.logotyp =
        typ === '.svg'
          ? { typ: 'svg', data: bytes.toString('utf8'), breddMm }
          : { typ: 'png', data: bytes.toString('base64'), breddMm };
    }
  }

  const normal = fil(['utseende', 'typsnitt', 'normal']);
  if (normal) {
    const stilar = ['normal', 'fet', 'kursiv', 'fetkursiv'] as const;
    const vägar: Partial<Record<(typeof stilar)[number], string>> = {};
    let familj = '';
    let ok = true;
    for (const s of stilar) {
      const p = fil(['utseende', 'typsnitt', s]);
      if (!p) continue;
      const path: Path = ['utseende', 'typsnitt', s];
      const ext = extname(p).toLowerCase();
      if (!existsSync(p)) {
        fel(path, `typsnittsfilen ${rel(paths.root, p)} finns inte`);
        ok = false;
        continue;
      }
      if (ext !== '.ttf' && ext !== '.otf') {
        fel(path, `typsnittsfilen ${rel(paths.root, p)} är varken TTF eller OTF`);
        ok = false;
        continue;
      }
      const g = granskaTypsnitt(p);
      if ('fel' in g) {
        fel(path, `typsnittsfilen ${rel(paths.root, p)} går inte att läsa: ${g.fel}`);
        ok = false;
      } else if (g.saknas.length) {
        fel(
          path,
          `typsnittet ${rel(paths.root, p)} saknar ${g.saknas.map((c) => (c === '\u2212' ? 'minustecknet U+2212' : `"${c}"`)).join(', ')}; en rapport behöver ${[...KRÄVDA_TECKEN].join(' ')}: välj ett typsnitt som har dem`,
        );
        ok = false;
      } else if (s === 'normal') familj = g.familj;
      vägar[s] = p;
    }
    if (ok && vägar.normal) {
      const fet = vägar.fet ?? vägar.normal;
      const kursiv = vägar.kursiv ?? vägar.normal;
      // Named by the file too, so two kommuner's fonts of one family never share a registration.
      profil.typsnitt = {
        familj: `${familj} (${basename(vägar.normal)})`,
        normal: vägar.normal,
        fet,
        kursiv,
        fetkursiv: vägar.fetkursiv ?? fet,
      };
    }
  }

  // With its named profile missing, the data's words are not checked against a scale it did not name.
  if (!saknas) diagnostics.push(...granskaOrdval(r, profil));
  return { profil, diagnostics, filer };
}

function hämta(v: unknown, path: Path): unknown {
  let x: unknown = v;
  for (const k of path) {
    if (x === null || typeof x !== 'object') return undefined;
    x = (x as Record<string | number, unknown>)[k];
  }
  return x;
}

/** Bedömning levels and uppdrag statuses in the data must be the profile's words. */
export function granskaOrdval(r: LoadedReport, p: Profil): Diagnostic[] {
  const out: Diagnostic[] = [];
  const nivåer = new Set(p.bedömning.map((b) => b.id));
  r.mål?.målområden.forEach((o) =>
    o.kommunövergripande_mål.forEach((k) =>
      k.nämndmål.forEach((n, ni) => {
        const np = [...k.källväg, 'nämndmål', ni];
        const granska = (nivå: string, path: (string | number)[]): void => {
          if (nivåer.has(nivå)) return;
          out.push({
            allvarlighet: 'fel',
            regel: 'profil',
            meddelande: `bedömningen "${nivå}" finns inte i profilens skala; skriv en av ${[...nivåer].join(', ')}${p.filer.length ? ` (${p.filer.join(', ')})` : ''}`,
            plats: r.sources.mål?.at(path) ?? { fil: `data/${r.id}/mal.yaml`, rad: 1, kolumn: 1 },
          });
        };
        if (n.bedömning) granska(n.bedömning.nivå, [...np, 'bedömning', 'nivå']);
        n.indikatorer.forEach((ind, ii) => {
          if (ind.bedömning) granska(ind.bedömning, [...np, 'indikatorer', ii, 'bedömning']);
        });
      }),
    ),
  );
  if (!p.uppdragsstatus.fritext) {
    const ord = new Set(p.uppdragsstatus.ord.map((o) => o.id));
    r.uppdrag?.listor.forEach((l, li) =>
      l.uppdrag.forEach((u, ui) => {
        if (u.status !== undefined && !ord.has(u.status)) {
          out.push({
            allvarlighet: 'fel',
            regel: 'profil',
            meddelande: `statusen "${u.status}" finns inte bland profilens statusord; skriv en av ${[...ord].join(', ')}, eller tillåt fri text med uppdragsstatus: {fritext: true}`,
            plats: r.sources.uppdrag?.at(['listor', li, 'uppdrag', ui, 'status']) ?? {
              fil: `data/${r.id}/uppdrag.yaml`,
              rad: 1,
              kolumn: 1,
            },
          });
        }
      }),
    );
  }
  return out;
}

/**
 * The words a new report should start with, from its kommun's profile if it has a valid one: the
 * scale's last level (usually "kan ej bedömas") and the first status word. For `init`.
 */
export function startord(paths: ProjectPaths, kommun: string): { bedömning?: string; status?: string } {
  const f = join(paths.data, PROFILMAPP, `${slugify(kommun)}.yaml`);
  if (!existsSync(f)) return {};
  const y = loadYaml(readFileSync(f, 'utf8'), rel(paths.root, f));
  const p = profilSchema.safeParse(y.value ?? {});
  if (!p.success) return {};
  const nivå = p.data.bedömning?.at(-1)?.id;
  const status = p.data.uppdragsstatus?.ord[0]?.id;
  return { ...(nivå ? { bedömning: nivå } : {}), ...(status ? { status } : {}) };
}
