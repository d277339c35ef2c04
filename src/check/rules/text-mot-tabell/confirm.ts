import { formatNumber } from '../../../core/format/number.js';
import { labelStems, mentionScore } from '../../text/context.js';
import { namedRowsTotal } from './agreement.js';
import { contradicts, shown } from './findings.js';
import { directionOf, signName, surplusIsPositive } from './signs.js';
import type { Figure, ParagraphState, RuleState } from './state.js';
import type { Weighed } from './weigh.js';
import type { Scored } from './scoring.js';
import type { Lexikon } from '../../lexikon.js';

/** Records the figure as confirmed by its best cell (or contradicting it by its sign); false if the evidence is too weak. */
export function confirm(st: RuleState, ps: ParagraphState, fig: Figure, w: Weighed): boolean {
  const { belopp, fynd } = st;
  const { confirmedColumn } = ps;
  const { a, s, plats } = fig;
  const { best } = w;
  if (!best || !enoughEvidence(best, fig, w, st.lex)) return false;
  if (wrongSign(st, fig, best)) return true;
  const evidence = best.c.relation ? [best.c.relation.from.id, best.c.fakt.id] : [best.c.fakt.id];
  const verdikt = best.verdikt!;
  if (best.c.tabell) confirmedColumn.set(s.start, best.c.kolumn);
  belopp.push({
    text: a.text,
    plats,
    värde: a.value,
    enhet: a.unit,
    verdikt,
    fakta: evidence,
    kommentar: shown(best),
  });
  if (verdikt === 'stämmer inom avrundning')
    fynd.push({
      allvarlighet: 'info',
      regel: 'text-mot-tabell',
      meddelande: `"${a.text}" stämmer inom avrundning med ${shown(best)}`,
      plats,
      fakta: evidence,
    });
  return true;
}

/** Whether what names the best agreeing cell is enough to confirm the figure with it. */
function enoughEvidence(best: Scored, fig: Figure, w: Weighed, lex: Lexikon): boolean {
  const { ctx } = fig;
  const { outpointed, outscored, partOfWhole, wrongEnd } = w;
  return (
    (best.s >= 1.5 || best.sentence >= 0.25) &&
    !outpointed &&
    !outscored &&
    !partOfWhole &&
    !wrongEnd &&
    // A word or two of a row's label in another clause of the sentence, and nothing nearer,
    // goes with that clause's figure ("1,5 mnkr till social- och omsorgsnämnden, …, 1,7 mnkr
    // till arbetsmarknadsnämnden" is not the row "Social hållbarhet").
    !(
      best.c.tabell &&
      !best.c.label &&
      best.c.fakt.roll !== 'summa' &&
      best.clause === 0 &&
      best.sentence > 0 &&
      best.local < 0.75
    ) &&
    // A row named only further away (the paragraph, an upper heading) confirms a listed part
    // ("…: 0,5 mnkr till social- och omsorgsnämnden") only with more than that.
    !(
      best.c.tabell &&
      !best.c.label &&
      best.c.fakt.roll !== 'summa' &&
      best.sentence === 0 &&
      best.s < 2 &&
      mentionScore(labelStems(best.c.fakt.radEtikett, lex), ctx.heading, true) === 0
    )
  );
}

/** Records a text-tecken contradiction where the figure's sign words disagree with its best cell; false where they agree. */
function wrongSign(st: RuleState, fig: Figure, best: Scored): boolean {
  const { d, lex, belopp, fynd } = st;
  const { a, comparedAfter, plats } = fig;
  // The sign words must agree with a deviation's sign.
  const signedColumn =
    !best.c.label && !best.c.derived && best.c.kolumn?.mått === 'avvikelse' ? surplusIsPositive(best.c, d) : 0;
  if (
    a.riktning &&
    signedColumn &&
    Math.abs(best.v) > 1e-9 &&
    best.v * signedColumn > 0 !== (a.riktning === 'positiv')
  ) {
    belopp.push(contradicts(a, plats, best, `tecknet: texten säger ${a.riktning}, ${shown(best)}`));
    fynd.push({
      allvarlighet: 'fel',
      regel: 'text-tecken',
      meddelande: `"${a.text}" beskrivs som ${a.riktning === 'positiv' ? 'positivt (överskott/ökning)' : 'negativt (underskott/minskning)'}, men ${shown(best)}`,
      plats,
      fakta: [best.c.fakt.id],
    });
    return true;
  }
  // A cell whose own label gives its sign ("…, väntat överskott"; "höjs från 1 % till 2 %"),
  // or a change whose value does (a budget change row, "Tjänstepriserna, lägsta förändring").
  const labelSign =
    best.c.relation || best.c.derived || best.c.target || !a.riktning
      ? undefined
      : directionOf(
          {
            label: best.c.fakt.radEtikett,
            value: best.c.value,
            specification: best.c.fakt.roll === 'specifikation',
            labelFigure: best.c.label === true,
          },
          lex,
        );
  if (labelSign && labelSign !== a.riktning) {
    belopp.push(contradicts(a, plats, best, `tecknet: texten säger ${a.riktning}, ${best.c.describe}`));
    fynd.push({
      allvarlighet: 'fel',
      regel: 'text-tecken',
      meddelande: `"${a.text}" beskrivs som ${signName(a.riktning!)}, men ${shown(best)} anger ${signName(labelSign)}`,
      plats,
      fakta: [best.c.fakt.id],
    });
    return true;
  }
  // A change's direction ("ökade", "minskade"; "lägre än", "högre än" after the figure) must
  // agree with its sign; a comparison with a budget says only what the words after it say.
  const direction = comparedAfter
    ? lex.data.jämförelseord[comparedAfter[1]!.toLowerCase().replace(/\s+/g, ' ')]
    : best.c.relation?.pair.kind === 'år' && a.riktning
      ? a.riktning === 'positiv'
        ? '>'
        : '<'
      : undefined;
  const evidence = best.c.relation ? [best.c.relation.from.id, best.c.fakt.id] : [best.c.fakt.id];
  if (
    best.c.relation &&
    direction &&
    Math.abs(best.c.value) > 1e-9 &&
    best.c.value > 0 !== (direction === '>' || direction === '≥')
  ) {
    belopp.push({
      ...contradicts(
        a,
        plats,
        best,
        `tecknet: texten säger ${direction === '>' || direction === '≥' ? 'ökning' : 'minskning'}, ${shown(best)}`,
      ),
      fakta: evidence,
    });
    fynd.push({
      allvarlighet: 'fel',
      regel: 'text-tecken',
      meddelande: `"${a.text}" beskrivs som ${direction === '>' || direction === '≥' ? 'en ökning (högre, mer)' : 'en minskning (lägre, mindre)'}, men ${shown(best)}`,
      plats,
      fakta: evidence,
    });
    return true;
  }
  return false;
}

/** Records the figure as the total of several rows its clause names, if they add up to it. */
export function rowsTogether(st: RuleState, ps: ParagraphState, fig: Figure, w: Weighed): boolean {
  const { belopp, rowCells } = st;
  const { p } = ps;
  const { a, clauseTo, plats } = fig;
  const { pointed } = w;
  // Before a contradiction: the sentence may quote the total of several rows it names
  // ("3,0 mnkr för räddningsstationen" over two räddningsstation rows of one column).
  const clause = p.text.slice(a.start, clauseTo);
  const together = pointed ? namedRowsTotal(pointed, rowCells, a, clause) : undefined;
  if (together) {
    belopp.push({
      text: a.text,
      plats,
      värde: a.value,
      enhet: a.unit,
      verdikt: together.verdikt,
      fakta: together.rows.map((x) => x.fakt.id),
      kommentar: `summan av ${together.rows.map((x) => `${x.describe} = ${formatNumber(x.value, x.decimals)}`).join(' + ')}`,
    });
    return true;
  }
  return false;
}
