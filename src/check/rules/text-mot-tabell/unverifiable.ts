import type { TextBelopp } from '../../../core/model/kontroll.js';
import { shown } from './findings.js';
import { hypotheses } from './hypotheses.js';
import { asPart, onlyAsWhole } from './parts.js';
import type { Scored } from './scoring.js';
import type { Figure, ParagraphState, RuleState } from './state.js';
import { byScore, type Weighed } from './weigh.js';

/** Records the figure as ej verifierbar, naming the cells that came closest, and asks identify.ts about it. */
export function unverifiable(st: RuleState, ps: ParagraphState, fig: Figure, scored: Scored[], w: Weighed): void {
  const { lex, belopp, questions } = st;
  const { p, found } = ps;
  const { a, s, ctx, sf, plats } = fig;
  const { partWord, partNamed, earmarked, partOfWhole } = w;
  // The question asked of a figure its value did not settle (identify.ts): which candidates
  // its evidence would confirm, had it said their value.
  const ask = (b: TextBelopp): void => {
    questions.set(b, {
      p,
      a,
      siblings: found.filter((o) => o !== a && o.start >= s.start && o.end <= s.end),
      options: hypotheses(
        scored.filter((x) => !onlyAsWhole(x, ctx, sf) && !asPart(x, partWord, partNamed, lex)),
        a,
        `${sf.lower} ${ctx.headings}`,
        ctx.heading,
        sf.lower,
        lex,
        sf.years.size === 0 && sf.nearYear === undefined && sf.ownYear === undefined ? ctx.year : undefined,
      ),
    });
  };
  // No evidence either way: say which cells came closest, and why they were not taken.
  const near3 = [...scored].sort(byScore).slice(0, 3);
  // Joined as it is built: a list of these strings, empty or not, made V8 recompile the code around it.
  let why = '';
  for (const x of near3)
    why += `${why ? '; ' : ''}${shown(x)}${x.conflicts.length ? ` (meningen nämner ${x.conflicts.join('; ')})` : x.verdikt ? '' : ' (annat värde)'}`;
  belopp.push({
    text: a.text,
    plats,
    värde: a.value,
    enhet: a.unit,
    verdikt: 'ej verifierbar',
    fakta: near3.map((x) => x.c.fakt.id),
    kommentar: why
      ? `närmaste: ${why}`
      : 'ingen tabellcell eller uppgift vars rad eller ämne meningen, stycket eller rubrikerna nämner',
  });
  // A part of something named only around it is not identified by its value either.
  if (!partOfWhole && !earmarked) ask(belopp[belopp.length - 1]!);
}
