import type { Diagnostic, Position } from '../../../core/diagnostics/diagnostic.js';
import type { Dokument, TabellBlock, TabellKolumn, Textstycke } from '../../../core/model/dokument.js';
import type { TextBelopp } from '../../../core/model/kontroll.js';
import { lexikonFor, type Lexikon } from '../../lexikon.js';
import type { TextAmount } from '../../text/amounts.js';
import { CandidateIndex } from '../../text/candidate-index.js';
import { labelStems } from '../../text/context.js';
import { StemIndex } from '../../text/stem-index.js';
import { cachedCandidates, cachedRepeatedTables, MONEY, type Candidate } from './candidates.js';
import { indicatorsByGoal, type Context, type SentenceFacts } from './context.js';
import type { Question } from './identify.js';
import { entityOf, wholeTotal } from './mentions.js';

/** A candidate with the entity it is gated by (−1: always looked at). */
export interface Gated {
  c: Candidate;
  gate: number;
}

/**
 * What the rule works out once per document, and the verdicts it gathers over the paragraphs.
 * Passed explicitly between the rule's steps (a paragraph, a figure, a step of a figure) rather
 * than closed over: each step is a function of its own, which V8 compiles, optimizes and, when a
 * new shape of data turns up, recompiles on its own, not as part of one long `run`.
 */
export interface RuleState {
  d: Dokument;
  lex: Lexikon;
  all: Candidate[];
  distinctTables: TabellBlock[];
  relationCache: Map<string, Candidate[]>;
  labelsNamed: Map<string, Map<string, boolean>>;
  stemIndex: StemIndex<number>;
  /** The paragraph an entity was last found named in. */
  lastNamedIn: Int32Array;
  paragraphNo: number;
  index: CandidateIndex<Gated>;
  rowStems: string[];
  rowCells: Map<TabellKolumn, Candidate[]>;
  targetColumns: Set<string>;
  indicatorsOfGoal: Map<string, Set<string>>;
  debug: string | undefined;
  fynd: Diagnostic[];
  belopp: TextBelopp[];
  pending: Map<TextBelopp, Diagnostic>;
  questions: Map<TextBelopp, Question>;
}

/** What one paragraph's figures share. */
export interface ParagraphState {
  p: Textstycke;
  found: TextAmount[];
  goalIndicators: Set<string>;
  lowerParagraph: string;
  /** The column each sentence's figures were confirmed in so far, by the sentence's start. */
  confirmedColumn: Map<number, TabellKolumn | undefined>;
  sigma: boolean;
  markNamed: (id: number) => void;
  around: Context['around'];
  inSentence: Map<number, Context['inSentence']>;
}

/** One figure as its paragraph places it: its sentence, clause and claim, and what they say. */
export interface Figure {
  a: TextAmount;
  ai: number;
  s: { start: number; end: number; text: string };
  clauseFrom: number;
  clauseTo: number;
  several: boolean;
  claim: string;
  comparedAfter: RegExpExecArray | null;
  relationLead: string;
  changeNear: boolean;
  ctx: Context;
  plats: Position;
  sf: SentenceFacts;
  siblingColumn: TabellKolumn | undefined;
}

/** The rule's state for a document, before its first paragraph. */
export function ruleState(d: Dokument): RuleState {
  const lex = lexikonFor(d.lexikon);
  const repeated = cachedRepeatedTables(d);
  const all = cachedCandidates(d, lex, repeated);
  const distinctTables = d.tabeller.filter((t) => !repeated.has(t.id));
  const relationCache = new Map<string, Candidate[]>();
  const labelsNamed = new Map<string, Map<string, boolean>>();
  // The candidates a text can name by their row or subject, a superset of those its mentions
  // find: one named nowhere in a paragraph, its headings or its sentence is not looked at there.
  // Those named otherwise (an alias, a word for the whole) are always looked at (gate −1).
  const entityIds = new Map<string, number>();
  const entityStems: [string[], number][] = [];
  const gated = all.map((c) => {
    const e = entityOf(c, { lex, nämnd: d.rapport.nämnd });
    let id = entityIds.get(e.key);
    if (id === undefined) {
      entityIds.set(e.key, (id = entityIds.size));
      entityStems.push([[...e.entity, ...e.own], id]);
    }
    return { c, gate: e.aliases.length || wholeTotal(c) ? -1 : id };
  });
  const stemIndex = new StemIndex(entityStems);
  const lastNamedIn = new Int32Array(entityIds.size);
  const index = new CandidateIndex(gated, ({ c }) =>
    c.unit === '%'
      ? { family: '%', value: c.value, unit: '%', decimals: c.decimals }
      : MONEY.has(c.unit)
        ? { family: 'kr', value: c.value, unit: c.unit, decimals: c.decimals }
        : undefined,
  );
  const rowStems = [
    ...new Set(
      all
        .filter((c) => c.fakt.roll !== 'summa' && !c.derived)
        .flatMap((c) => [
          ...labelStems(c.fakt.radEtikett, lex),
          ...(c.tabell?.avser ? labelStems(c.tabell.avser, lex) : []),
        ]),
    ),
  ];
  // The published rows of each column (no totals), for a figure quoting several rows together.
  const rowCells = new Map<TabellKolumn, Candidate[]>();
  for (const c of all)
    if (c.kolumn && c.tabell && !c.derived && !c.label && c.fakt.roll !== 'summa') {
      const list = rowCells.get(c.kolumn);
      if (list) list.push(c);
      else rowCells.set(c.kolumn, [c]);
    }
  const fynd: Diagnostic[] = [];
  const belopp: TextBelopp[] = [];
  const pending = new Map<TextBelopp, Diagnostic>();
  const questions = new Map<TextBelopp, Question>();
  // The indicators' target columns ("Målvärde 2027"): their values are targets too.
  const targetColumns = new Set(d.mål.flatMap((b) => b.kolumner.filter((k) => k.mått === 'målvärde').map((k) => k.id)));
  const indicatorsOfGoal = indicatorsByGoal(d);
  const debug = process.env.KR_DEBUG;
  return {
    d,
    lex,
    all,
    distinctTables,
    relationCache,
    labelsNamed,
    stemIndex,
    lastNamedIn,
    paragraphNo: 0,
    index,
    rowStems,
    rowCells,
    targetColumns,
    indicatorsOfGoal,
    debug,
    fynd,
    belopp,
    pending,
    questions,
  };
}
