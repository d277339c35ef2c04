import { formatCell } from '../../core/format/number.js';
import {
  type Resultatlista,
  type Avsnitt,
  type Block,
  type DiagramBlock,
  type Dokument,
  type Inline,
  type MålBlock,
  type TabellBlock,
  type UppdragBlock,
} from '../../core/model/dokument.js';
import { bedömningsnivå } from '../../core/model/profil.js';
import { chartCaption, chartDataTable, chartSvg, chartTextAlternative } from '../chart/index.js';
import {
  caption,
  factCell,
  kolumnhuvud,
  kommentarkolumn,
  markörText,
  paragraphs,
  sidrefEtikett,
  sidtext,
  unitNote,
  uppdragKolumner,
} from '../shared.js';
import { esc } from './escape.js';
import { CSS, fontFaces, printCss } from './style.js';
import { bedömningsklass, profilCss } from './profil-css.js';
import { typografisktMinus } from '../../core/format/minus.js';

/** Dokument → one self-contained, accessible HTML file that Word and LibreOffice can open. */
export function renderHtml(d: Dokument): string {
  const body = d.block.map((b) => block(d, b, 1)).join('\n');
  const t = d.titelsida;
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.titel)}</title>
<meta name="author" content="${esc(t.nämnd)}">
<meta name="description" content="${esc(`${t.titel}, ${t.kommun}, ${t.nämnd}`)}">
<meta name="generator" content="kommunrapport">
<meta name="dcterms.date" content="${esc(d.datum)}">
<style>
${fontFaces()}
${CSS}
${profilCss(d.profil)}
${printCss(t.titel)}
</style>
</head>
<body>
<header class="titelsida">
${logotyp(d)}<p class="kommun">${esc(d.profil.titelsida.överrubrik !== undefined ? sidtext(d, d.profil.titelsida.överrubrik) : t.kommun)}</p>
<h1>${esc(t.titel)}</h1>
${t.undertitel ? `<p class="undertitel">${esc(t.undertitel)}</p>` : ''}
${t.titel.includes(t.period) ? '' : `<p class="period">${esc(t.period)}</p>`}
<p>${esc(t.nämnd)}${t.förvaltning ? `<br>${esc(t.förvaltning)}` : ''}</p>
${
  d.profil.titelsida.text
    ? `<p class="titeltext">${esc(sidtext(d, d.profil.titelsida.text))}</p>
`
    : ''
}<p class="meta">Status: ${esc(t.status)}<br>Datum: ${esc(t.datum)}${t.beslut ? `<br>Beslut: ${esc(t.beslut)}` : ''}${t.diarienummer ? `<br>Diarienummer: ${esc(t.diarienummer)}` : ''}</p>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

function block(d: Dokument, b: Block, level: number): string {
  switch (b.typ) {
    case 'avsnitt':
      return section(d, b);
    case 'stycke':
      return `<p>${inlines(d, b.inl)}</p>`;
    case 'lista': {
      const tag = b.numrerad ? 'ol' : 'ul';
      const start = b.start !== undefined ? ` start="${b.start}"` : '';
      return `<${tag}${start}>${b.punkter.map((p) => `<li>${listItem(d, p, level)}</li>`).join('')}</${tag}>`;
    }
    case 'tabell':
      return table(d, b);
    case 'diagram':
      return chart(d, b);
    case 'mål':
      return b.visning === 'indikatorer' ? goalTable(d, b) : goalReport(d, b, level);
    case 'uppdrag':
      return uppdrag(d, b);
    case 'innehållsförteckning':
      return toc(d);
    case 'färgförklaring':
      return legend(d);
    case 'bilagor':
      return `<div class="bilagor">${b.grupper
        .map(
          (g) =>
            `<p><strong>${esc(g.rubrik)}</strong></p><ul>${g.bilagor.map((x) => `<li>${x.nummer !== undefined ? `Bilaga ${x.nummer}: ` : ''}${esc(x.titel)}</li>`).join('')}</ul>`,
        )
        .join('')}</div>`;
    case 'underskrifter':
      return `<div class="underskrifter">${b.personer.map((p) => `<p><strong>${esc(p.namn)}${p.parti ? ` (${esc(p.parti)})` : ''}</strong><br>${esc(p.roll)}</p>`).join('')}</div>`;
    case 'sidbrytning':
      return '<div class="sidbrytning"></div>';
    case 'fotnoter':
      return `<div class="fotnoter">${b.poster.map((p) => `<p id="fotnot-${p.nummer}"><sup>${p.nummer}</sup> ${inlines(d, p.inl)}</p>`).join('')}</div>`;
  }
}

/** A single-paragraph list item is written without <p>, which Word shows more tidily. */
function listItem(d: Dokument, blocks: Block[], level: number): string {
  if (blocks.length === 1 && blocks[0]!.typ === 'stycke') return inlines(d, blocks[0]!.inl);
  return blocks.map((b) => block(d, b, level)).join('');
}

function section(d: Dokument, a: Avsnitt): string {
  const h = `h${Math.min(6, a.nivå)}`;
  const cls = a.sidbrytning ? ' class="kapitel"' : '';
  return `<section${cls} aria-labelledby="${a.id}">\n<${h} id="${a.id}">${inlines(d, a.rubrik)}</${h}>\n${a.block.map((b) => block(d, b, a.nivå)).join('\n')}\n</section>`;
}

function inlines(d: Dokument, xs: Inline[]): string {
  return xs
    .map((i) => {
      switch (i.typ) {
        case 'text':
          return esc(typografisktMinus(i.text));
        case 'fet':
          return `<strong>${inlines(d, i.inl)}</strong>`;
        case 'kursiv':
          return `<em>${inlines(d, i.inl)}</em>`;
        case 'länk': {
          const safe = /^(https?:|mailto:|#)/i.test(i.url) ? i.url : '#';
          return `<a href="${esc(safe)}">${inlines(d, i.inl)}</a>`;
        }
        case 'kod':
          return `<code>${esc(i.text)}</code>`;
        case 'ref':
          return `<span class="ref" data-fakta="${esc(d.referenser[i.referens]?.fakta.join(' ') ?? '')}">${esc(i.text)}</span>`;
        case 'sidref':
          return `<a class="sidref" href="#${esc(i.ankare)}">${esc(sidrefEtikett(i))}</a>`;
        case 'fotnotsref':
          return `<sup><a href="#fotnot-${i.nummer}">${i.nummer}</a></sup>`;
        case 'radbrytning':
          return '<br>';
      }
    })
    .join('');
}

function toc(d: Dokument): string {
  const list = (bs: Block[]): string => {
    const items = bs.filter((b): b is Avsnitt => b.typ === 'avsnitt' && b.iInnehåll && b.nivå <= 3);
    if (!items.length) return '';
    return `<ol>${items.map((a) => `<li><a href="#${a.id}">${esc(a.rubrikText)}</a>${list(a.block)}</li>`).join('')}</ol>`;
  };
  return `<nav class="innehall" aria-labelledby="innehall-rubrik"><h2 id="innehall-rubrik">Innehåll</h2>${list(d.block)}</nav>`;
}

const sup = (m: string | undefined): string => (m ? `<sup>${esc(m)}</sup>` : '');

function table(d: Dokument, t: TabellBlock): string {
  const unit = unitNote(t);
  const grupper = kolumnhuvud(t);
  const head = t.kolumngrupper?.length
    ? `<tr><th scope="col" rowspan="2">${esc(t.förspalt || (unit ?? ''))}</th>${t.kolumner
        .map((c, i) => {
          const g = grupper[i];
          if (g === 'i-grupp') return '';
          return g
            ? `<th scope="colgroup" colspan="${g.antal}" class="grupp">${esc(g.grupp)}</th>`
            : `<th scope="col" rowspan="2">${esc(c.rubrik)}</th>`;
        })
        .join(
          '',
        )}</tr>\n<tr>${t.kolumner.map((c, i) => (grupper[i] ? `<th scope="col">${esc(c.rubrik)}</th>` : '')).join('')}</tr>`
    : `<tr><th scope="col">${esc(t.förspalt || (unit ?? ''))}</th>${t.kolumner.map((c) => `<th scope="col">${esc(c.rubrik)}</th>`).join('')}</tr>`;
  const rows = t.rader
    .map((r) => {
      const cls = [r.roll, `niva-${Math.min(3, r.nivå)}`, r.kursiv ? 'kursiv' : '', r.fet ? 'fet' : '']
        .filter(Boolean)
        .join(' ');
      const label = `<th scope="row">${esc(r.etikett)}${r.fotnoter.map((f) => sup(f)).join('')}</th>`;
      if (r.roll === 'grupp' && r.celler.every((c) => c === null)) {
        return `<tr class="${cls}">${label}${t.kolumner.map(() => '<td></td>').join('')}</tr>`;
      }
      const cells = r.celler
        .map((id) => {
          const f = factCell(d, id);
          return `<td class="${f.numeric ? 'tal' : 'text'}"${id ? ` data-fakta="${esc(id)}"` : ''}>${esc(f.text)}${sup(f.fotnot)}</td>`;
        })
        .join('');
      return `<tr class="${cls}">${label}${cells}</tr>`;
    })
    .join('\n');
  const notes = t.fotnoter.length
    ? `<div class="fotnoter">${t.fotnoter.map((f) => `<p><sup>${esc(f.markör)}</sup> ${esc(f.text)}</p>`).join('')}</div>`
    : '';
  const comment = t.kommentar ? `<p class="tabellkommentar">${esc(t.kommentar)}</p>` : '';
  return `<div class="tabellblock" id="tabell-${esc(t.id)}">
<table class="tabell">
<caption>${esc(caption(t))}${unit && !t.förspalt.includes(t.enhet) ? ` <span class="enhet">(${esc(unit.toLowerCase())})</span>` : ''}</caption>
<thead>${head}</thead>
<tbody>
${rows}
</tbody>
</table>
${notes}${comment}</div>`;
}

function goalTable(d: Dokument, m: MålBlock): string {
  // A Bedömning column when some indicator of the table has its own.
  const medBed = m.nämndmål.some((n) => n.indikatorer.some((i) => i.bedömning));
  const bedCell = (nivå: string | undefined): string => {
    if (!medBed) return '';
    if (!nivå) return '<td></td>';
    const b = bedömningsnivå(d.profil, nivå);
    return `<td class="text bedomning ${bedömningsklass(b.id)}"><span class="symbol" aria-hidden="true">${esc(b.symbol)}</span> ${esc(b.text)}</td>`;
  };
  const head = `<tr><th scope="col">${esc(m.benämning.mål)}</th><th scope="col">${esc(m.benämning.indikator)}</th>${m.kolumner.map((c, ci) => `<th scope="col"${kommentarkolumn(m, ci) ? ' class="text"' : ''}>${esc(c.rubrik)}</th>`).join('')}${medBed ? '<th scope="col">Bedömning</th>' : ''}</tr>`;
  const val = (v: { cell: Parameters<typeof formatCell>[0]; decimaler: number }): string => {
    const f = formatCell(v.cell, v.decimaler);
    return `<td class="${f.numeric ? 'tal' : 'text'}">${esc(f.text)}${sup(f.fotnot)}</td>`;
  };
  const body = m.nämndmål
    .map((n) => {
      const span = Math.max(
        1,
        n.indikatorer.reduce((k, i) => k + 1 + i.delrader.length, 0),
      );
      const goalCell = `<th scope="rowgroup" rowspan="${span}">${esc(n.namn)}${n.beskrivning ? `<span class="beskrivning">${esc(n.beskrivning)}</span>` : ''}</th>`;
      if (!n.indikatorer.length) {
        return `<tbody><tr>${goalCell}<td class="text"><em>Ingen ${esc(m.benämning.indikator.toLowerCase())}</em></td>${m.kolumner.map(() => '<td></td>').join('')}${bedCell(undefined)}</tr></tbody>`;
      }
      const rows: string[] = [];
      n.indikatorer.forEach((ind, i) => {
        const name = `${esc(ind.namn)}${ind.obligatorisk ? '<abbr title="obligatorisk">*</abbr>' : ''}${ind.fotnoter.map((f) => sup(f)).join('')}${ind.förklaring ? `<span class="forklaring">${esc(ind.förklaring)}</span>` : ''}`;
        rows.push(
          `<tr>${i === 0 ? goalCell : ''}<th scope="row">${name}</th>${ind.värden.map(val).join('')}${bedCell(ind.bedömning)}</tr>`,
        );
        for (const dr of ind.delrader)
          rows.push(
            `<tr class="delrad"><th scope="row">${esc(dr.namn)}</th>${dr.värden.map(val).join('')}${bedCell(undefined)}</tr>`,
          );
      });
      return `<tbody>${rows.join('\n')}</tbody>`;
    })
    .join('\n');
  const obligatory = m.nämndmål.some((n) => n.indikatorer.some((i) => i.obligatorisk));
  const notes = [
    ...(obligatory ? [`<p>${esc(markörText(d, m))}</p>`] : []),
    ...m.fotnoter.map((f) => `<p><sup>${esc(f.markör)}</sup> ${esc(f.text)}</p>`),
  ];
  return `<div class="tabellblock" id="mal-${esc(m.id)}">
<table class="mal">
<caption>${esc(caption(m))}</caption>
<thead>${head}</thead>
${body}
</table>
${notes.length ? `<div class="fotnoter">${notes.join('')}</div>` : ''}</div>`;
}

function bedömning(d: Dokument, nivå: string): string {
  const n = bedömningsnivå(d.profil, nivå);
  return `<p class="bedomning ${bedömningsklass(n.id)}"><span class="symbol" aria-hidden="true">${esc(n.symbol)}</span> Bedömning: ${esc(n.text)}</p>`;
}

/** The kommun's logo above the title: inline SVG, or the PNG as a data URL. */
function logotyp(d: Dokument): string {
  const l = d.profil.logotyp;
  if (!l) return '';
  const alt = `${d.titelsida.kommun}s logotyp`;
  const src =
    l.typ === 'png'
      ? `data:image/png;base64,${l.data}`
      : `data:image/svg+xml;base64,${Buffer.from(l.data, 'utf8').toString('base64')}`;
  return `<img class="logotyp" src="${src}" alt="${esc(alt)}" style="width:${l.breddMm}mm">
`;
}

function goalReport(d: Dokument, m: MålBlock, level: number): string {
  const h = `h${Math.min(6, level + 1)}`;
  const sub = `h${Math.min(6, level + 2)}`;
  return m.nämndmål
    .filter((n) => n.bedömning)
    .map((n) => {
      const b = n.bedömning!;
      const list = (title: string, items: string[]): string =>
        items.length ? `<${sub}>${title}</${sub}><ul>${items.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : '';
      const punkt = (x: Resultatlista['punkter'][number]): string =>
        typeof x === 'string'
          ? `<li>${esc(x)}</li>`
          : `<li>${esc(x.text)}<ul>${x.punkter.map((y) => `<li>${esc(y)}</li>`).join('')}</ul></li>`;
      const egna = b.listor
        .map(
          (l) =>
            `${l.rubrik ? `<${sub}>${esc(l.rubrik)}</${sub}>` : ''}${l.inledning ? `<p>${esc(l.inledning)}</p>` : ''}<ul>${l.punkter.map(punkt).join('')}</ul>`,
        )
        .join('\n');
      return `<div class="malredovisning"><${h}>${esc(n.namn)}</${h}>
${bedömning(d, b.nivå)}
${paragraphs(b.analys)
  .map((p) => `<p>${esc(p)}</p>`)
  .join('\n')}
${egna}${list('Resultat', b.resultat)}${list('Avvikelser', b.avvikelser)}</div>`;
    })
    .join('\n');
}

function legend(d: Dokument): string {
  return `<ul class="fargforklaring" aria-label="Färgförklaring för bedömningen">${d.profil.bedömning
    .map(
      (k) =>
        `<li>${bedömning(d, k.id)
          .replace(/^<p/, '<span')
          .replace(/<\/p>$/, '</span>')}</li>`,
    )
    .join('')}</ul>`;
}

function uppdrag(d: Dokument, u: UppdragBlock): string {
  if (!u.medStatus) {
    const lista = u.numrerad ? 'ol' : 'ul';
    return `<${lista} class="uppdrag" aria-label="${esc(u.rubrik)}">${u.uppdrag
      .map(
        (x) =>
          `<li${x.nummer !== undefined ? ` value="${x.nummer}"` : ''}>${x.granska ? '<strong class="granska">[Att granska]</strong> ' : ''}${esc(x.text)}${x.not ? ` <span class="not">${esc(x.not)}</span>` : ''}</li>`,
      )
      .join('')}</${lista}>`;
  }
  const kolumner = uppdragKolumner(d, u);
  const nr = (x: UppdragBlock['uppdrag'][number]): string => (u.numrerad ? `<th scope="row">${x.nummer}</th>` : '');
  return `<div class="tabellblock" id="uppdrag-${esc(u.id)}"><table class="uppdrag">
<caption>${esc(caption(u))}</caption>
<thead><tr>${[...(u.numrerad ? ['Nr'] : []), 'Uppdrag', ...kolumner.map((k) => k.rubrik)].map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${u.uppdrag
    .map(
      (x) =>
        `<tr>${nr(x)}<td class="text">${esc(x.text)}${x.not ? ` <em>${esc(x.not)}</em>` : ''}</td>${kolumner.map((k) => `<td class="text">${esc(k.text(x))}</td>`).join('')}</tr>`,
    )
    .join('\n')}</tbody>
</table></div>`;
}

/** The chart as inline SVG, with its text alternative and its data as a table beside it. */
function chart(d: Dokument, b: DiagramBlock): string {
  const t = chartDataTable(b);
  return `<figure class="diagram" id="diagram-${esc(b.id)}">
${chartSvg(b, { width: 640, ...(d.profil.typsnitt ? { typsnitt: d.profil.typsnitt } : {}) })}
<figcaption>${esc(chartCaption(b))}</figcaption>
<p class="diagram-text">${esc(chartTextAlternative(b))}</p>
<details><summary>Diagrammets data</summary>
<table class="tabell"><caption>Data för ${esc(chartCaption(b))}</caption>
<thead><tr>${t.kolumner.map((k) => `<th scope="col">${esc(k)}</th>`).join('')}</tr></thead>
<tbody>${t.rader.map((r) => `<tr><th scope="row">${esc(r.etikett)}</th>${r.värden.map((v) => `<td class="tal">${esc(v)}</td>`).join('')}</tr>`).join('')}</tbody>
</table></details>
</figure>`;
}
