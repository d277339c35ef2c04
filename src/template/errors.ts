/**
 * Handlebars' errors in Swedish, at the template's own line and column. Handlebars words them in
 * English and gives a position in four different ways (a parse error's text, an exception's
 * lineNumber/column, a helper's options.loc, or none for a missing partial); each is turned
 * into one `TemplateError`.
 */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly rad: number,
    readonly kolumn: number,
    /** The partial the error is in (`templates/partials/x.hbs`), when not the template itself. */
    readonly fil?: string,
  ) {
    super(message);
  }
}

interface HandlebarsException {
  message: string;
  lineNumber?: number;
  column?: number;
}

const TOKENS: Record<string, string> = {
  CLOSE: '}}',
  CLOSE_UNESCAPED: '}}}',
  OPEN_ENDBLOCK: '{{/…}}',
  ID: 'ett namn',
  STRING: 'en text inom citattecken',
  NUMBER: 'ett tal',
  CLOSE_SEXPR: ')',
  EQUALS: '=',
};

/** Where a parse error's excerpt (`…text before` / `----^`) points, on the line it names. */
function parseErrorColumn(source: string, rad: number, excerpt: string, pointer: string): number {
  const line = source.split('\n')[rad - 1] ?? '';
  const p = pointer.indexOf('^');
  const before = excerpt.slice(0, p).replace(/^\.\.\./, '');
  const after = excerpt.slice(p);
  for (let k = line.length; k >= 0; k--) {
    const head = line.slice(0, k);
    const tail = line.slice(k);
    const b = before.slice(-Math.max(1, Math.min(before.length, k)));
    const a = after.slice(0, Math.min(after.length, tail.length));
    if ((k === 0 || head.endsWith(b)) && tail.startsWith(a)) return k + 1;
  }
  return 1;
}

function parseError(e: HandlebarsException, source: string): TemplateError {
  const [head = '', excerpt = '', pointer = '', expecting = ''] = e.message.split('\n');
  const rad = Number(/line (\d+)/.exec(head)?.[1] ?? 1);
  const got = /got '([A-Z_]+)'/.exec(expecting)?.[1];
  const wanted = [...expecting.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!).filter((t) => t !== got);
  if (got === 'EOF' && wanted.includes('OPEN_ENDBLOCK')) {
    return new TemplateError(
      'mallen slutar innan ett block är avslutat: varje {{#namn …}} behöver sitt {{/namn}}',
      rad,
      Math.max(1, (source.split('\n')[rad - 1] ?? '').length + 1),
    );
  }
  const named = [...new Set(wanted.map((t) => TOKENS[t]).filter((t): t is string => t !== undefined))];
  const hint = named.length ? `; här väntades ${named.slice(0, 3).join(' eller ')}` : '';
  return new TemplateError(
    `mallen kan inte tolkas här${hint}: kontrollera att varje {{ har sitt }} och att texter står inom citattecken`,
    rad,
    parseErrorColumn(source, rad, excerpt, pointer),
  );
}

/** A Handlebars error (or one of our helpers' errors, already Swedish) as a TemplateError. */
export function templateError(e: unknown, source: string, helpers: readonly string[]): TemplateError {
  if (e instanceof TemplateError) return e;
  const x = (e && typeof e === 'object' ? e : { message: String(e) }) as HandlebarsException;
  const msg = x.message ?? String(e);
  if (msg.startsWith('Parse error on line')) return parseError(x, source);
  const rad = x.lineNumber ?? 1;
  const kolumn = (x.column ?? 0) + 1;
  let m: RegExpExecArray | null;
  if ((m = /used the unknown helper (\S+)/.exec(msg)))
    return new TemplateError(`okänd hjälpare "${m[1]}"; mallens hjälpare är ${helpers.join(', ')}`, rad, kolumn);
  if ((m = /^"(.+)" not defined in/.exec(msg)))
    return new TemplateError(
      `"${m[1]}" är varken en hjälpare eller ett fält i mallens data (hjälparna är ${helpers.join(', ')})`,
      rad,
      kolumn,
    );
  if ((m = /^(\S+) doesn't match (\S+)/.exec(msg)))
    return new TemplateError(`{{/${m[2]}}} avslutar inte blocket {{#${m[1]}}}: skriv {{/${m[1]}}}`, rad, kolumn);
  if ((m = /^The partial (\S+) could not be found/.exec(msg))) {
    const at = new RegExp(`\\{\\{~?>\\s*${m[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(source);
    const pos = at ? positionOf(source, at.index) : { rad: 1, kolumn: 1 };
    return new TemplateError(
      `partialen "${m[1]}" finns inte (ingen fil templates/partials/${m[1]}.hbs)`,
      pos.rad,
      pos.kolumn,
    );
  }
  return new TemplateError(
    // eslint-disable-next-line no-control-regex -- an all-ASCII message is the library's English
    `mallen kunde inte användas: ${/^[\x00-\x7f]*$/.test(msg) ? 'okänt fel i mallen' : msg}`,
    rad,
    kolumn,
  );
}

function positionOf(text: string, offset: number): { rad: number; kolumn: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return { rad: before.split('\n').length, kolumn: offset - nl };
}
