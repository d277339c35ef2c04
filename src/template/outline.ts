import Handlebars from 'handlebars';
import { z } from 'zod';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import { TemplateError, templateError } from './errors.js';

/**
 * The report type's Handlebars template decides the outline. Its helpers do not print HTML: each
 * emits one outline item as a JSON line, and compose builds the document from those items, so
 * every output format follows the same outline.
 */
export type OutlineItem = OutlineItemKind & {
  /** Where the template emitted the item, for messages about it (line and column in the template). */
  mallplats?: { rad: number; kolumn: number };
};
type OutlineItemKind =
  | { typ: 'titelsida' }
  | { typ: 'innehåll' }
  | { typ: 'text'; fil: string; del?: string; från?: string; till?: string }
  | { typ: 'rubrik'; nivå: number; text: string; innehåll: boolean }
  | { typ: 'tabell'; id: string }
  | { typ: 'diagram'; id: string }
  | { typ: 'mål'; id: string }
  | { typ: 'målredovisning'; id: string }
  | { typ: 'uppdrag'; id: string }
  | { typ: 'bilagor' }
  | { typ: 'underskrifter' }
  | { typ: 'färgförklaring' }
  | { typ: 'sidbrytning' }
  /** Items between `efter` and `efter-slut` are placed right after the text under a narrative heading. */
  | { typ: 'efter'; rubrik: string }
  | { typ: 'efter-slut' };

/** The context a template sees; validated before rendering so a template cannot read what is not there. */
export const templateContextSchema = z.strictObject({
  rapport: z.strictObject({
    id: z.string(),
    typ: z.string(),
    titel: z.string(),
    nämnd: z.string(),
    budgetår: z.number(),
    delår: z.boolean(),
    /** A follow-up kind (delårs-, tertial-, månadsrapport, verksamhetsberättelse): bedömningar and status. */
    uppföljning: z.boolean(),
  }),
  /** The profile's words for headings the generic templates print. */
  ord: z.strictObject({
    mål: z.string(),
    indikator: z.string(),
    målområde: z.string(),
    kommunmål: z.string(),
    uppdrag: z.string(),
    tabeller: z.string(),
  }),
  tabeller: z.array(
    z.strictObject({
      id: z.string(),
      rubrik: z.string(),
      typ: z.string(),
      avser: z.string(),
      efter: z.string(),
      visas: z.boolean(),
      diagram: z.array(z.string()),
    }),
  ),
  /** Tables whose data says nothing of where they go (no `efter`). */
  tabellerUtanPlats: z.array(z.strictObject({ id: z.string(), rubrik: z.string() })),
  målområden: z.array(
    z.strictObject({
      id: z.string(),
      namn: z.string(),
      mål: z.array(z.strictObject({ id: z.string(), namn: z.string() })),
    }),
  ),
  uppdragslistor: z.array(z.strictObject({ id: z.string(), rubrik: z.string(), typ: z.string(), efter: z.string() })),
  uppdragUtanPlats: z.array(z.strictObject({ id: z.string(), rubrik: z.string() })),
  textfiler: z.array(z.string()),
});
export type TemplateContext = z.infer<typeof templateContextSchema>;

type HelperOptions = Handlebars.HelperOptions;

/** The template position of the helper call being run (set by atCall), given to the items it emits. */
let callSite: { rad: number; kolumn: number } | undefined;

function line(item: OutlineItem): Handlebars.SafeString {
  return new Handlebars.SafeString(`${JSON.stringify(callSite ? { ...item, mallplats: callSite } : item)}\n`);
}

const str = (v: unknown, name: string): string => {
  if (typeof v !== 'string' || !v) throw new Error(`${name} behöver ett namn som text`);
  return v;
};

const HELPERS: Record<string, Handlebars.HelperDelegate> = {
  titelsida: () => line({ typ: 'titelsida' }),
  innehall: () => line({ typ: 'innehåll' }),
  text: (fil: unknown, options: HelperOptions) => {
    const h = options.hash as Record<string, unknown>;
    const item: OutlineItem = { typ: 'text', fil: str(fil, 'text') };
    for (const k of ['del', 'från', 'till'] as const) if (typeof h[k] === 'string') item[k] = h[k] as string;
    return line(item);
  },
  rubrik: (...args: unknown[]) => {
    const options = args.pop() as HelperOptions;
    const [nivå, ...words] = args;
    if (typeof nivå !== 'number') throw new Error('rubrik behöver en nivå (1 = kapitel) först');
    const innehåll = (options.hash as Record<string, unknown>).innehall !== false;
    return line({ typ: 'rubrik', nivå, text: words.map(String).join(' '), innehåll });
  },
  tabell: (id: unknown) => line({ typ: 'tabell', id: str(id, 'tabell') }),
  diagram: (id: unknown) => line({ typ: 'diagram', id: str(id, 'diagram') }),
  mal: (id: unknown) => line({ typ: 'mål', id: str(id, 'mal') }),
  malredovisning: (id: unknown) => line({ typ: 'målredovisning', id: str(id, 'malredovisning') }),
  uppdrag: (id: unknown) => line({ typ: 'uppdrag', id: str(id, 'uppdrag') }),
  bilagor: () => line({ typ: 'bilagor' }),
  underskrifter: () => line({ typ: 'underskrifter' }),
  fargforklaring: () => line({ typ: 'färgförklaring' }),
  sidbrytning: () => line({ typ: 'sidbrytning' }),
  /** `{{#efter "Rubrik"}}…{{/efter}}`: what it holds goes right after the text under that heading; with "" where it stands. */
  efter: function (this: unknown, rubrik: unknown, options: HelperOptions) {
    const inner = options.fn(this);
    if (typeof rubrik !== 'string' || rubrik === '') return inner;
    return `${line({ typ: 'efter', rubrik }).toString()}${inner}${line({ typ: 'efter-slut' }).toString()}`;
  },
  /** `{{#tabeller-av-typ "verksamhetsområde"}}…{{/tabeller-av-typ}}`: once per table of that type, in data order. */
  'tabeller-av-typ': function (typ: unknown, options: HelperOptions) {
    const ctx = options.data?.root as TemplateContext;
    return ctx.tabeller
      .filter((t) => t.typ === typ)
      .map((t) => options.fn(t))
      .join('');
  },
  /** `{{#om-tabell "id"}}…{{/om-tabell}}`: only when the report has that table. */
  'om-tabell': function (this: unknown, id: unknown, options: HelperOptions) {
    const ctx = options.data?.root as TemplateContext;
    return ctx.tabeller.some((t) => t.id === id) ? options.fn(this) : options.inverse(this);
  },
};

export interface TemplateSource {
  name: string;
  text: string;
  partials: Record<string, string>;
  /** Why the template or a partial could not be read (a folder in its place, no permission, not UTF-8). */
  fel?: Diagnostic;
}

/** Renders a report type's template into outline items. Throws with a Swedish message on template errors. */
const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Compiles once per template text and partials: `watch` renders the same template after every edit. */
function compileTemplate(src: TemplateSource): Handlebars.TemplateDelegate {
  const key = JSON.stringify([src.text, src.partials]);
  let t = compiled.get(key);
  if (!t) {
    const hb = Handlebars.create();
    for (const [n, h] of Object.entries(HELPERS)) hb.registerHelper(n, atCall(h));
    const knownHelpers = Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true]));
    for (const [n, p] of Object.entries(src.partials)) {
      // A partial is compiled on its own first, so its syntax errors and unknown helpers point into its own file.
      try {
        hb.precompile(p, { strict: true, knownHelpers, knownHelpersOnly: true });
      } catch (e) {
        const t = templateError(e, p, Object.keys(HELPERS));
        throw new TemplateError(t.message, t.rad, t.kolumn, `templates/partials/${n}.hbs`);
      }
      hb.registerPartial(n, p);
    }
    t = hb.compile(src.text, { strict: true, knownHelpers, knownHelpersOnly: true, noEscape: true });
    compiled.set(key, t);
  }
  return t;
}

/** A helper's own error, at the line and column of the call in the template. */
function atCall(h: Handlebars.HelperDelegate): Handlebars.HelperDelegate {
  return function (this: unknown, ...args: unknown[]) {
    const loc = (
      args[args.length - 1] as
        (Partial<HelperOptions> & { loc?: { start: { line: number; column: number } } }) | undefined
    )?.loc;
    const outer = callSite;
    callSite = loc ? { rad: loc.start.line, kolumn: loc.start.column + 1 } : undefined;
    try {
      // Strict mode does not reach a helper's arguments: `{{rubrik 1 rapport.kommun}}` would print "undefined".
      const hash = (args[args.length - 1] as Partial<HelperOptions> | undefined)?.hash as
        Record<string, unknown> | undefined;
      const missing = args.slice(0, -1).findIndex((a) => a === undefined);
      if (missing >= 0)
        throw new Error(
          `argument ${missing + 1} finns inte i mallens data (mallen kan läsa ${Object.keys(templateContextSchema.shape).join(', ')})`,
        );
      for (const [k, v] of Object.entries(hash ?? {}))
        if (v === undefined) throw new Error(`${k}= finns inte i mallens data`);
      return (h as (...a: unknown[]) => unknown).apply(this, args);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      throw new TemplateError(
        e instanceof Error ? e.message : String(e),
        loc?.start.line ?? 1,
        (loc?.start.column ?? 0) + 1,
      );
    } finally {
      callSite = outer;
    }
  };
}

/** Throws a TemplateError, in Swedish at the template's line and column, for every template error. */
export function renderOutline(src: TemplateSource, context: TemplateContext): OutlineItem[] {
  const ctx = templateContextSchema.parse(context);
  let out: string;
  try {
    out = compileTemplate(src)(ctx);
  } catch (e) {
    throw templateError(e, src.text, Object.keys(HELPERS));
  }
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      try {
        return JSON.parse(l) as OutlineItem;
      } catch {
        const at = src.text.indexOf(l);
        const before = src.text.slice(0, Math.max(0, at));
        throw new TemplateError(
          `mallen skriver text utanför hjälparna: "${l.slice(0, 60)}"; skriv text i kapitlens Markdown, eller som {{rubrik …}}`,
          at < 0 ? 1 : before.split('\n').length,
          at < 0 ? 1 : at - before.lastIndexOf('\n'),
        );
      }
    });
}
