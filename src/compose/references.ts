import type { Diagnostic, Position } from '../core/diagnostics/diagnostic.js';
import { convertAmount, formatCell, formatNumber, NBSP, UNIT_DECIMALS, UNIT_FACTOR } from '../core/format/number.js';
import type { Fakt, Inline, MålBlock, Referens, UppdragBlock } from '../core/model/dokument.js';

export interface RefContext {
  fakta: Map<string, Fakt>;
  mål: MålBlock[];
  uppdrag: UppdragBlock[];
  referenser: Referens[];
  diagnostics: Diagnostic[];
}

const COUNTS: Record<string, (c: RefContext, arg?: string) => number | undefined> = {
  nämndmål: (c) => c.mål.reduce((n, m) => n + m.nämndmål.length, 0),
  indikatorer: (c) => c.mål.reduce((n, m) => n + m.nämndmål.reduce((k, g) => k + g.indikatorer.length, 0), 0),
  kommunmål: (c) => c.mål.length,
  uppdrag: (c, arg) => {
    if (!arg) return c.uppdrag.reduce((n, l) => n + l.uppdrag.length, 0);
    return c.uppdrag.find((l) => l.id === arg)?.uppdrag.length;
  },
};

/**
 * Resolves `{=tabell/rad/kolumn [enhet] [dN]}`, `{=antal/nämndmål}` and `{=sida/mål [på]}`. Ordinary Swedish text
 * ("1:a", "kl. 10:30", "§ 283") never matches: a reference needs the `{=` opening.
 */
export function resolveReference(källa: string, plats: Position, c: RefContext): Inline {
  const [ref = '', ...opts] = källa.split(/\s+/);
  const fail = (meddelande: string): Inline => {
    c.diagnostics.push({ allvarlighet: 'fel', regel: 'okänd-referens', meddelande, plats });
    return { typ: 'text', text: `{=${källa}}` };
  };
  const done = (text: string, fakta: string[]): Inline => {
    c.referenser.push({ källa, text, fakta, plats });
    return { typ: 'ref', text, referens: c.referenser.length - 1 };
  };
  if (ref.startsWith('sida/')) {
    const mål = ref.slice('sida/'.length);
    const okänt = opts.find((o) => o !== 'på');
    if (!mål)
      return fail(`referensen {=${källa}} saknar mål; skriv {=sida/<tabell-id>} eller {=sida/<rubrikens ankare>}`);
    if (okänt) return fail(`okänt val "${okänt}" i sidreferensen (tillåtet: på)`);
    // The target may come later in the document: compose checks it once everything is placed (page-references.ts).
    return { typ: 'sidref', mål, ankare: '', etikett: '', omfång: true, medPå: opts.includes('på'), plats };
  }
  if (ref.startsWith('antal/')) {
    const [, what = '', arg] = ref.split('/');
    const fn = COUNTS[what];
    if (!fn) return fail(`okänd räkning "${what}" (känner till ${Object.keys(COUNTS).join(', ')})`);
    const n = fn(c, arg);
    if (n === undefined) return fail(`listan "${arg}" finns inte`);
    return done(String(n), [ref]);
  }
  const fakt = c.fakta.get(ref);
  if (!fakt) {
    const [t, r] = ref.split('/');
    const hasTable = [...c.fakta.values()].some((f) => f.tabell === t);
    const hasRow = [...c.fakta.values()].some((f) => f.tabell === t && f.rad === r);
    if (!hasTable) return fail(`referensen {=${källa}} pekar på tabellen "${t}", som inte finns`);
    if (!hasRow) return fail(`referensen {=${källa}} pekar på raden "${r}", som inte finns i tabellen ${t}`);
    return fail(`referensen {=${källa}} pekar på en kolumn som inte finns i tabellen ${t}`);
  }
  const unit = opts.find((o) => o in UNIT_FACTOR || o === '%');
  const dOpt = opts.find((o) => /^d\d$/.test(o));
  const unknown = opts.filter((o) => o !== unit && o !== dOpt);
  if (unknown.length)
    return fail(`okänt val "${unknown[0]}" i referensen (tillåtet: en enhet som mnkr, tkr, % och dN för decimaler)`);
  if (!unit) return done(formatCell(fakt.cell, dOpt ? Number(dOpt.slice(1)) : fakt.decimaler).text, [fakt.id]);
  if (fakt.cell.typ !== 'tal') return fail(`cellen ${fakt.id} innehåller inget tal och kan inte visas i ${unit}`);
  const value = convertAmount(fakt.cell.tal, fakt.enhet, unit);
  if (value === undefined) return fail(`kan inte räkna om ${fakt.enhet} till ${unit}`);
  const decimals = dOpt ? Number(dOpt.slice(1)) : unit === fakt.enhet ? fakt.decimaler : (UNIT_DECIMALS[unit] ?? 1);
  return done(`${formatNumber(value, decimals)}${NBSP}${unit}`, [fakt.id]);
}
