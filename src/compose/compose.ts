import { existsSync, readdirSync } from 'node:fs';
import { readInputFile } from '../load/read-input.js';
import { join } from 'node:path';
import type { Diagnostic, Position } from '../core/diagnostics/diagnostic.js';
import { formatDateLong } from '../core/format/number.js';
import type { LoadedReport, ProjectPaths } from '../load/load-report.js';
import type {
  Avsnitt,
  Block,
  DiagramBlock,
  Dokument,
  Fakt,
  Inline,
  MålBlock,
  Referens,
  TabellBlock,
  Textstycke,
  Titelsida,
  UppdragBlock,
} from '../core/model/dokument.js';
import { parseMarkdown, plainText, type TextDel } from '../narrative/parse-markdown.js';
import { ärUppföljning, PERIODRAPPORTER, type Rapport } from '../schema/rapport.js';
import { uppgiftFacts } from './uppgifter.js';
import { STANDARDPROFIL } from '../core/model/profil.js';
import { TemplateError } from '../template/errors.js';
import { renderOutline, type OutlineItem, type TemplateContext, type TemplateSource } from '../template/outline.js';
import { packageRoot } from '../util/package-root.js';
import { slugify } from '../util/slug.js';
import { chartBlocks } from './charts.js';
import { seriesTable } from './chart-series.js';
import { tableFacts } from './facts.js';
import { goalBlocks, uppdragBlocks } from './goals.js';
import { dataTexts } from './data-texts.js';
import { resolveReference, type RefContext } from './references.js';
import { resolvePageReferences } from './page-references.js';

/**
 * Reads a report type's template and its partials (`templates/partials/*.hbs`). The project's own
 * `templates/` comes first; the templates the tool brings (the generic ones of every report kind)
 * are used where the project has none, so a new project needs no template to build.
 */
export function loadTemplate(paths: ProjectPaths, name: string): TemplateSource | undefined {
  const bundled = join(packageRoot(), 'templates');
  const dirs = [...new Set([bundled, paths.templates])];
  const shown = (dir: string, rel: string): string =>
    dir === paths.templates ? `templates/${rel}` : `(kommunrapport)/templates/${rel}`;
  const dir = [...dirs].reverse().find((d) => existsSync(join(d, `${name}.hbs`)));
  if (!dir) return undefined;
  const src: TemplateSource = { name: shown(dir, `${name}.hbs`), text: '', partials: {} };
  const read = (full: string, fil: string): string => {
    const r = readInputFile(full, fil);
    if (r.diagnostics[0] && !src.fel) src.fel = r.diagnostics[0];
    return r.text ?? '';
  };
  src.text = read(join(dir, `${name}.hbs`), src.name);
  // The tool's partials first, the project's over them (a project may restyle a partial).
  for (const d of dirs) {
    const pdir = join(d, 'partials');
    if (!existsSync(pdir)) continue;
    for (const f of readdirSync(pdir)
      .filter((n) => n.endsWith('.hbs'))
      .sort()) {
      src.partials[f.slice(0, -4)] = read(join(pdir, f), shown(d, `partials/${f}`));
    }
  }
  return src;
}

/** A report's own template (`mall:`), or its kind's generic one. */
export function templateName(r: Rapport): string {
  return r.mall ?? `generisk/${slugify(r.rapporttyp)}`;
}

/** Builds the one document model from a validated report. Pure apart from nothing: all input is passed in. */
/**
 * Builds the document. Its findings go into `diagnostics` (also the returned document's own list),
 * so a template error that leaves no document still says why.
 */
export function compose(
  r: LoadedReport,
  template: TemplateSource | undefined,
  diagnostics: Diagnostic[] = [],
): Dokument | undefined {
  const rapport = r.rapport;
  if (!rapport) return undefined;
  const fakta = new Map<string, Fakt>();

  const tables = new Map<string, TabellBlock>();
  const charts = new Map<string, DiagramBlock>();
  // Charts with their own series stand on data-only tables of their own, after the written tables.
  const series = (r.tabeller.diagram ?? []).map((d, di) => seriesTable(d, di));
  const allaTabeller = [...r.tabeller.tabeller, ...series.map((s) => s.tabell)];
  allaTabeller.forEach((t, ti) => {
    const egen = series[ti - r.tabeller.tabeller.length];
    const { block, fakta: fs } = tableFacts(t, ti, r.sources.tabeller, egen);
    if (egen) block.diagramdata = true;
    if (t.kolumngrupper.length) {
      block.kolumngrupper = t.kolumngrupper.map((g) => ({
        rubrik: g.rubrik,
        från: t.kolumner.findIndex((k) => k.id === g.kolumner[0]),
        antal: g.kolumner.length,
      }));
    }
    tables.set(t.id, block);
    for (const f of fs) fakta.set(f.id, f);
    for (const c of chartBlocks(t, block, fakta)) charts.set(c.id, c);
  });
  const goals = r.mål
    ? goalBlocks(r.mål, r.sources.mål)
    : { block: new Map<string, MålBlock>(), område: new Map<string, MålBlock>(), fakta: [] };
  for (const f of goals.fakta) fakta.set(f.id, f);
  const uppgifter = uppgiftFacts(r.uppgifter, r.sources.uppgifter);
  for (const f of uppgifter.fakta) fakta.set(f.id, f);
  const delår = ärUppföljning(rapport.rapporttyp);
  const uppdrag = r.uppdrag ? uppdragBlocks(r.uppdrag, delår, r.sources.uppdrag) : new Map<string, UppdragBlock>();

  const referenser: Referens[] = [];
  const refCtx: RefContext = {
    fakta,
    mål: [...goals.block.values()],
    uppdrag: [...uppdrag.values()],
    referenser,
    diagnostics,
  };
  const texts = new Map<string, TextDel[]>();
  for (const n of r.narrative) {
    const parsed = parseMarkdown(n.text, n.fil, (källa, plats) => resolveReference(källa, plats, refCtx));
    diagnostics.push(...parsed.diagnostics);
    texts.set(n.namn.replace(/\.md$/, ''), parsed.delar);
  }

  if (template?.fel) {
    diagnostics.push(template.fel);
    return undefined;
  }
  if (!template) {
    diagnostics.push({
      allvarlighet: 'fel',
      regel: 'mall',
      meddelande: `mallen templates/${templateName(rapport)}.hbs finns inte`,
      plats: r.sources.rapport?.at(['rapporttyp']) ?? { fil: `data/${r.id}/rapport.yaml`, rad: 1, kolumn: 1 },
    });
    return undefined;
  }
  const context: TemplateContext = {
    rapport: {
      id: rapport.id,
      typ: rapport.rapporttyp,
      titel: rapport.titel,
      nämnd: rapport.nämnd,
      budgetår: rapport.budgetår,
      delår: rapport.rapporttyp === 'delårsrapport',
      uppföljning: delår,
    },
    ord: rubrikOrd(r),
    tabeller: allaTabeller.map((t) => ({
      id: t.id,
      rubrik: t.rubrik,
      typ: t.typ,
      avser: t.avser ?? '',
      efter: t.efter ?? '',
      visas: t.visas,
      diagram: t.diagram.map((d) => d.id),
    })),
    tabellerUtanPlats: allaTabeller.filter((t) => !t.efter && t.visas).map((t) => ({ id: t.id, rubrik: t.rubrik })),
    målområden: (r.mål?.målområden ?? []).map((o) => ({
      id: o.id,
      namn: o.namn,
      mål: o.kommunövergripande_mål.map((k) => ({ id: k.id, namn: k.namn })),
    })),
    uppdragslistor: (r.uppdrag?.listor ?? []).map((l) => ({
      id: l.id,
      rubrik: l.rubrik,
      typ: l.typ,
      efter: l.efter ?? '',
    })),
    uppdragUtanPlats: (r.uppdrag?.listor ?? []).filter((l) => !l.efter).map((l) => ({ id: l.id, rubrik: l.rubrik })),
    textfiler: [...texts.keys()],
  };
  let outline: OutlineItem[];
  try {
    outline = renderOutline(template, context);
  } catch (e) {
    const at = e instanceof TemplateError ? { rad: e.rad, kolumn: e.kolumn } : { rad: 1, kolumn: 1 };
    const fil = e instanceof TemplateError && e.fil ? e.fil : template.name;
    diagnostics.push({
      allvarlighet: 'fel',
      regel: 'mall',
      meddelande: e instanceof Error ? e.message.split('\n')[0]! : String(e),
      plats: { fil, ...at },
    });
    return undefined;
  }

  const root: Block[] = [];
  const stack: Avsnitt[] = [];
  const usedIds = new Set<string>();
  const used = {
    text: new Set<string>(),
    tabell: new Set<string>(),
    mål: new Set<string>(),
    uppdrag: new Set<string>(),
    diagram: new Set<string>(),
  };
  const diagramOrder: DiagramBlock[] = [];
  const numbered: (TabellBlock | MålBlock | UppdragBlock)[] = [];
  const append = (b: Block): void => {
    const top = stack[stack.length - 1];
    (top ? top.block : root).push(b);
  };
  const open = (mdLevel: number, rubrik: Inline[], inToc = true, plats?: Position): void => {
    const nivå = Math.min(6, mdLevel + 1);
    while (stack.length && stack[stack.length - 1]!.nivå >= nivå) stack.pop();
    const text = plainText(rubrik);
    let id = slugify(text);
    for (let i = 2; usedIds.has(id); i++) id = `${slugify(text)}-${i}`;
    usedIds.add(id);
    const parentLevel = stack.length ? stack[stack.length - 1]!.nivå : 1;
    if (nivå > parentLevel + 1) {
      diagnostics.push({
        allvarlighet: 'varning',
        regel: 'rubriknivå',
        meddelande: `rubriken "${text}" hoppar över en nivå`,
        ...(plats ? { plats } : {}),
      });
    }
    const a: Avsnitt = {
      typ: 'avsnitt',
      id,
      rubrik,
      rubrikText: text,
      nivå,
      sidbrytning: nivå === 2,
      iInnehåll: inToc,
      block: [],
    };
    append(a);
    stack.push(a);
  };
  const where = (item?: OutlineItem): Position => ({
    fil: template.name,
    rad: item?.mallplats?.rad ?? 1,
    kolumn: item?.mallplats?.kolumn ?? 1,
  });
  // Said once however often the template names it (a call inside {{#each}} runs many times).
  const saidMissing = new Set<string>();
  const missing = (item: OutlineItem, what: string): void => {
    if (saidMissing.has(what)) return;
    saidMissing.add(what);
    diagnostics.push({
      allvarlighet: 'fel',
      regel: 'mall',
      meddelande: `mallen hänvisar till ${what}, som inte finns`,
      plats: where(item),
    });
  };

  const explicitCharts = new Set(outline.flatMap((i) => (i.typ === 'diagram' ? [i.id] : [])));
  const placeChart = (c: DiagramBlock): DiagramBlock => {
    used.diagram.add(c.id);
    diagramOrder.push(c);
    return c;
  };
  /** Looks up a data block the template names; a missing one is an error at the template. */
  const place = <T>(
    map: Map<string, T>,
    item: OutlineItem & { id: string },
    what: string,
    onPlace: (b: T) => Block[],
  ): void => {
    const b = map.get(item.id);
    if (b === undefined) missing(item, what);
    else for (const x of onPlace(b)) append(x);
  };
  // Sections a template puts after a narrative heading (`{{#efter}}`) wait until that text is placed.
  const { rest, grupper } = splitEfter(outline);
  const handle = (item: OutlineItem): void => {
    switch (item.typ) {
      case 'titelsida':
        break;
      case 'innehåll':
        append({ typ: 'innehållsförteckning' });
        break;
      case 'rubrik':
        open(item.nivå, [{ typ: 'text', text: item.text }], item.innehåll);
        break;
      case 'text': {
        const name = [...texts.keys()].find((k) => k === item.fil || k.startsWith(`${item.fil}-`));
        const parts = name ? texts.get(name) : undefined;
        if (!name || !parts) {
          missing(item, `textfilen content/${r.id}/${item.fil}.md`);
          break;
        }
        const sel = selectParts(parts, item);
        if (typeof sel === 'string') {
          missing(item, `${sel} i content/${r.id}/${name}.md`);
          break;
        }
        for (const i of sel) {
          const key = `${name}#${i}`;
          if (used.text.has(key))
            diagnostics.push({
              allvarlighet: 'fel',
              regel: 'text-dubbel',
              meddelande: `texten under "${parts[i]!.rubrikText}" används två gånger av mallen`,
              plats: parts[i]!.plats,
            });
          used.text.add(key);
          const p = parts[i]!;
          if (p.nivå > 0) open(p.nivå, p.rubrik, true, p.plats);
          for (const b of p.block) append(b);
          for (const g of grupper) {
            if (g.placerad) continue;
            const hit = selectParts(parts, { typ: 'text', fil: name, del: g.rubrik });
            if (typeof hit !== 'string' && hit[0] === i) {
              g.placerad = true;
              g.items.forEach(handle);
            }
          }
        }
        break;
      }
      case 'tabell':
        place(tables, item, `tabellen "${item.id}"`, (t) => {
          used.tabell.add(t.id);
          numbered.push(t);
          // A table's charts follow it, unless the template places them itself.
          return [
            t,
            ...[...charts.values()].filter((c) => c.tabell === t.id && !explicitCharts.has(c.id)).map(placeChart),
          ];
        });
        break;
      case 'diagram':
        place(charts, item, `diagrammet "${item.id}"`, (c) => [placeChart(c)]);
        break;
      case 'mål':
        place(goals.block, item, `målet "${item.id}"`, (g) => {
          used.mål.add(g.id);
          numbered.push(g);
          return [g];
        });
        break;
      case 'målredovisning':
        place(goals.område, item, `målområdet "${item.id}"`, (g) => [g]);
        break;
      case 'uppdrag':
        place(uppdrag, item, `uppdragslistan "${item.id}"`, (u) => {
          used.uppdrag.add(u.id);
          if (u.medStatus) numbered.push(u);
          return [u];
        });
        break;
      case 'bilagor':
        append({ typ: 'bilagor', grupper: groupBilagor(rapport) });
        break;
      case 'underskrifter':
        append({ typ: 'underskrifter', personer: rapport.underskrifter });
        break;
      case 'färgförklaring':
        append({ typ: 'färgförklaring' });
        break;
      case 'sidbrytning':
        append({ typ: 'sidbrytning' });
        break;
      case 'efter':
      case 'efter-slut':
        break;
    }
  };
  rest.forEach(handle);
  // What waits for a heading that is not there is said once, at its efter: line, not again as unplaced.
  const väntar = new Set(
    grupper
      .filter((g) => !g.placerad)
      .flatMap((g) => g.items.flatMap((it) => ('id' in it ? [`${it.typ}:${it.id}`] : []))),
  );
  for (const g of grupper) {
    if (!g.placerad)
      diagnostics.push({
        allvarlighet: 'fel',
        regel: 'mall',
        meddelande: `"efter: ${g.rubrik}" pekar på en rubrik som inte finns (entydigt) i rapportens text; skriv rubriken som den står, "Överordnad > Rubrik" eller "Rubrik#2"`,
        plats: efterPlats(r, g.items) ?? where(g.items[0]),
      });
  }

  // Nothing in the data or narrative may silently drop out of the publication.
  for (const [name, parts] of texts) {
    // A chapter the template never names is one message, not one per section.
    if (parts.length > 1 && !parts.some((_, i) => used.text.has(`${name}#${i}`))) {
      const file = r.narrative.find((n) => n.namn === `${name}.md`)?.fil ?? `content/${r.id}/${name}.md`;
      diagnostics.push({
        allvarlighet: 'fel',
        regel: 'text-oanvänd',
        meddelande: `mallen ${template.name} placerar inte kapitlet ${name}.md; placera det med {{text "${name.split('-')[0]}"}} i mallen`,
        plats: parts[0]!.plats ?? { fil: file, rad: 1, kolumn: 1 },
      });
      continue;
    }
    parts.forEach((p, i) => {
      if (!used.text.has(`${name}#${i}`)) {
        diagnostics.push({
          allvarlighet: 'fel',
          regel: 'text-oanvänd',
          meddelande: `mallen ${template.name} placerar inte texten ${p.nivå ? `under rubriken "${p.rubrikText}"` : 'före första rubriken'}`,
          plats: p.plats,
        });
      }
    });
  }
  // Data-only tables are not printed; they follow the printed ones in the workbook, unnumbered.
  const endastData = allaTabeller
    .filter((t) => !t.visas && !used.tabell.has(t.id))
    .map((t) => ({ ...tables.get(t.id)!, endastData: true }));
  for (const t of endastData) used.tabell.add(t.id);
  for (const [id, t] of tables)
    if (!used.tabell.has(id) && !väntar.has(`tabell:${id}`))
      diagnostics.push({
        allvarlighet: 'fel',
        regel: 'data-oanvänd',
        meddelande: `mallen placerar inte tabellen "${id}"`,
        ...(t.plats ? { plats: t.plats } : {}),
      });
  for (const [id, c] of charts)
    if (!used.diagram.has(id) && !väntar.has(`diagram:${id}`))
      diagnostics.push({
        allvarlighet: 'fel',
        regel: 'data-oanvänd',
        meddelande: `mallen placerar inte diagrammet "${id}"${tables.get(c.tabell)?.diagramdata ? '' : ` (tabellen ${c.tabell})`}`,
        plats: tables.get(c.tabell)?.plats ?? { fil: `data/${r.id}/tabeller.yaml`, rad: 1, kolumn: 1 },
      });
  for (const id of goals.block.keys())
    if (!used.mål.has(id))
      diagnostics.push({
        allvarlighet: 'fel',
        regel: 'data-oanvänd',
        meddelande: `mallen placerar inte målet "${id}"`,
        plats: r.sources.mål?.at(['målområden']) ?? { fil: `data/${r.id}/mal.yaml`, rad: 1, kolumn: 1 },
      });
  for (const id of uppdrag.keys())
    if (!used.uppdrag.has(id) && !väntar.has(`uppdrag:${id}`))
      diagnostics.push({
        allvarlighet: 'fel',
        regel: 'data-oanvänd',
        meddelande: `mallen placerar inte uppdragslistan "${id}"`,
        plats: r.sources.uppdrag?.at(['listor']) ?? { fil: `data/${r.id}/uppdrag.yaml`, rad: 1, kolumn: 1 },
      });

  numbered.forEach((b, i) => (b.nummer = i + 1));
  diagramOrder.forEach((b, i) => (b.nummer = i + 1));
  resolvePageReferences(root, diagnostics);
  const tabeller = [...numbered.filter((b): b is TabellBlock => b.typ === 'tabell'), ...endastData];

  return {
    id: r.id,
    rapport,
    datum: rapport.datum,
    titelsida: titelsida(rapport),
    profil: r.profil ?? STANDARDPROFIL,
    block: root,
    tabeller,
    fakta,
    referenser,
    // The narrative, then what the data says in words (captions, comments, analyses): all of it is read.
    textstycken: [...collectParagraphs(root), ...dataTexts(r)],
    mål: [...goals.block.values()],
    uppdrag: [...uppdrag.values()],
    uppgifter: uppgifter.block,
    diagram: diagramOrder,
    samband: r.tabeller.samband.map((sb, i) => {
      const plats = r.sources.tabeller?.at(['samband', i]);
      return { ...sb, ...(plats ? { plats } : {}) };
    }),
    källfiler: r.files,
    diagnostics,
  };
}

interface EfterGrupp {
  rubrik: string;
  items: OutlineItem[];
  placerad: boolean;
}

/** Takes the `{{#efter}}` sections out of the outline; they are placed when their heading's text is. */
function splitEfter(outline: OutlineItem[]): { rest: OutlineItem[]; grupper: EfterGrupp[] } {
  const rest: OutlineItem[] = [];
  const grupper: EfterGrupp[] = [];
  let open: EfterGrupp | undefined;
  for (const item of outline) {
    if (item.typ === 'efter') grupper.push((open = { rubrik: item.rubrik, items: [], placerad: false }));
    else if (item.typ === 'efter-slut') open = undefined;
    else (open ? open.items : rest).push(item);
  }
  return { rest, grupper };
}

/** The `efter:` line of the first table or uppdrag list a section holds, for the message. */
function efterPlats(r: LoadedReport, items: OutlineItem[]): Position | undefined {
  for (const it of items) {
    if (it.typ === 'tabell') {
      const i = r.tabeller.tabeller.findIndex((t) => t.id === it.id);
      const p = i >= 0 ? r.sources.tabeller?.at(['tabeller', i, 'efter']) : undefined;
      if (p) return p;
    }
    if (it.typ === 'diagram') {
      const i = (r.tabeller.diagram ?? []).findIndex((d) => d.id === it.id);
      const p = i >= 0 ? r.sources.tabeller?.at(['diagram', i, 'efter']) : undefined;
      if (p) return p;
    }
    if (it.typ === 'uppdrag') {
      const i = (r.uppdrag?.listor ?? []).findIndex((l) => l.id === it.id);
      const p = i >= 0 ? r.sources.uppdrag?.at(['listor', i, 'efter']) : undefined;
      if (p) return p;
    }
  }
  return undefined;
}

/** Headings the generic templates print, in the kommun's words (its profile) or the defaults. */
function rubrikOrd(r: LoadedReport): TemplateContext['ord'] {
  const b = (r.profil ?? STANDARDPROFIL).benämningar;
  return {
    mål: b.målkapitel,
    indikator: r.mål?.benämning.indikator ?? 'Indikator',
    målområde: b.målområde,
    kommunmål: b.kommunmål,
    uppdrag: b.uppdrag,
    tabeller: b.tabeller,
  };
}

function selectParts(parts: TextDel[], item: Extract<OutlineItem, { typ: 'text' }>): number[] | string {
  const find = (nameWithIndex: string): number | string => {
    // "Rubrik#2" picks the second of several equal headings.
    const m = /^(.*?)#(\d+)$/.exec(nameWithIndex);
    const name = m ? m[1]! : nameWithIndex;
    const nth = m ? Number(m[2]) : 0;
    const want = name.split('>').map((s) => s.trim());
    const hits = parts
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => {
        const path = p.sökväg;
        // "Rubrik*" matches any heading that starts with "Rubrik", so headings with years survive a new year.
        const same = (h: string | undefined, w: string): boolean =>
          w.endsWith('*') ? (h ?? '').startsWith(w.slice(0, -1).trimEnd()) : h === w;
        return path.length >= want.length && want.every((w, k) => same(path[path.length - want.length + k], w));
      });
    if (hits.length === 0) return `rubriken "${name}"`;
    if (nth) return hits[nth - 1]?.i ?? `rubriken "${name}" nummer ${nth}`;
    if (hits.length > 1)
      return `rubriken "${name}" entydigt (den finns ${hits.length} gånger; skriv "överordnad > rubrik" eller "rubrik#2")`;
    return hits[0]!.i;
  };
  if (item.del) {
    const i = find(item.del);
    return typeof i === 'string' ? i : [i];
  }
  const from = item.från ? find(item.från) : 0;
  const to = item.till ? find(item.till) : parts.length - 1;
  if (typeof from === 'string') return from;
  if (typeof to === 'string') return to;
  return parts.map((_, i) => i).filter((i) => i >= from && i <= to);
}

function groupBilagor(r: Rapport): { rubrik: string; bilagor: { nummer?: number; titel: string }[] }[] {
  const groups: { rubrik: string; bilagor: { nummer?: number; titel: string }[] }[] = [];
  for (const b of r.bilagor) {
    const rubrik = b.tillhör ?? 'Bilagor';
    let g = groups.find((x) => x.rubrik === rubrik);
    if (!g) groups.push((g = { rubrik, bilagor: [] }));
    g.bilagor.push({ ...(b.nummer !== undefined ? { nummer: b.nummer } : {}), titel: b.titel });
  }
  return groups;
}

function titelsida(r: Rapport): Titelsida {
  const period =
    PERIODRAPPORTER.includes(r.rapporttyp) && r.period
      ? `${r.rapporttyp[0]!.toUpperCase()}${r.rapporttyp.slice(1)} per den ${formatDateLong(r.period.till)}`
      : r.rapporttyp === 'verksamhetsberättelse'
        ? `Verksamhetsåret ${r.budgetår}`
        : r.planår
          ? `Budget ${r.budgetår} med plan för ${r.planår.från}–${r.planår.till}`
          : `Budgetår ${r.budgetår}`;
  const beslut = r.beslut?.datum
    ? `${r.beslut.organ} ${r.beslut.datum}${r.beslut.paragraf ? ` ${r.beslut.paragraf}` : ''}`
    : undefined;
  return {
    kommun: r.kommun,
    nämnd: r.nämnd,
    ...(r.förvaltning ? { förvaltning: r.förvaltning } : {}),
    titel: r.titel,
    ...(r.undertitel ? { undertitel: r.undertitel } : {}),
    period,
    status: { utkast: 'Utkast', förslag: 'Förslag', beslutad: 'Beslutad' }[r.status],
    datum: r.datum,
    ...(beslut ? { beslut } : {}),
    ...(r.beslut?.diarienummer ? { diarienummer: r.beslut.diarienummer } : {}),
  };
}

/** Every paragraph and list item with its heading context, for the text checks. */
function collectParagraphs(blocks: Block[]): Textstycke[] {
  const out: Textstycke[] = [];
  const visit = (bs: Block[], rubriker: string[]): void => {
    for (const b of bs) {
      if (b.typ === 'avsnitt') visit(b.block, [...rubriker, b.rubrikText]);
      else if (b.typ === 'lista') for (const p of b.punkter) visit(p, rubriker);
      else if (b.typ === 'stycke' && b.plats) out.push(paragraph(b.inl, rubriker, b.plats));
    }
  };
  visit(blocks, []);
  return out;
}

function paragraph(inl: Inline[], rubriker: string[], plats: Position): Textstycke {
  let text = '';
  const segment: Textstycke['segment'] = [];
  const refSpann: [number, number][] = [];
  const walk = (xs: Inline[]): void => {
    for (const i of xs) {
      if (i.typ === 'text') {
        if (i.plats) segment.push({ offset: text.length, plats: i.plats });
        text += i.text;
      } else if (i.typ === 'ref') {
        refSpann.push([text.length, text.length + i.text.length]);
        text += i.text;
      } else if (i.typ === 'kod') text += i.text;
      else if (i.typ === 'radbrytning') text += '\n';
      else if (i.typ === 'fet' || i.typ === 'kursiv' || i.typ === 'länk') walk(i.inl);
    }
  };
  walk(inl);
  return { text, rubriker, plats, refSpann, segment };
}
