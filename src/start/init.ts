import { PERIODRAPPORTER, ärUppföljning, type Rapporttyp } from '../schema/rapport.js';
import { slugify } from '../util/slug.js';
import { kolumnerFörTyp, periodSlut, titelFörTyp, type Kolumnförslag } from './typer.js';

export interface InitVal {
  id: string;
  typ: Rapporttyp;
  kommun: string;
  nämnd: string;
  år: number;
  förvaltning?: string;
  /** Period end (ISO date) for a delårs-, tertial- or månadsrapport; a default per kind otherwise. */
  till?: string;
  /** The kommun profile's words to start with: a bedömning level and an uppdrag status. */
  ord?: { bedömning?: string; status?: string };
}

export interface Fil {
  namn: string;
  text: string;
}

export interface NyRapport {
  data: Fil[];
  texter: Fil[];
}

/** A YAML double-quoted string (JSON's escaping is valid YAML). */
const q = (s: string): string => JSON.stringify(s);
const kolumnRad = (k: Kolumnförslag): string =>
  `      - {id: ${k.id}, rubrik: ${q(k.rubrik)}, mått: ${k.mått}, år: ${k.år}${k.period ? `, period: ${q(k.period)}` : ''}}`;

/**
 * A small, valid report of the given kind to start from: commented YAML (one table, one goal
 * with an indicator, one uppdrag list) and chapter files with headings to fill in. Pure: the
 * CLI writes the files. Values are left blank (`null`): the writer fills them in.
 */
export function initRapport(v: InitVal): NyRapport {
  const uppföljning = ärUppföljning(v.typ);
  const period = PERIODRAPPORTER.includes(v.typ)
    ? { från: `${v.år}-01-01`, till: v.till ?? periodSlut(v.typ, v.år) }
    : undefined;
  // A plan is dated before its year begins; a follow-up after its period or year has ended.
  const datum = period?.till ?? (uppföljning ? `${v.år + 1}-02-28` : `${v.år - 1}-11-30`);
  const kolumner = kolumnerFörTyp(v.typ, v.år, period?.till);
  const tom = kolumner.map(() => 'null').join(', ');
  const profil = slugify(v.kommun);

  const rapport = `# yaml-language-server: $schema=../schema/rapport.schema.json
# Rapportens manifest. Fälten beskrivs i README.md ("rapport.yaml") och i data/schema/rapport.schema.json.
id: ${v.id}
rapporttyp: ${v.typ}            # mallen är templates/generisk/${slugify(v.typ)}.hbs; en egen mall anges med mall: <namn>
titel: ${q(titelFörTyp(v.typ, v.nämnd, v.år, period?.till))}
kommun: ${q(v.kommun)}          # profilen data/profiler/${profil}.yaml används om den finns (ord, färger, logotyp, typsnitt)
nämnd: ${q(v.nämnd)}
${v.förvaltning ? `förvaltning: ${q(v.förvaltning)}\n` : ''}budgetår: ${v.år}
${uppföljning ? '' : `planår: {från: ${v.år + 1}, till: ${v.år + 2}}\n`}${period ? `period: {från: ${period.från}, till: ${period.till}}\n` : ''}status: utkast                  # utkast | förslag | beslutad
datum: ${datum}               # dokumentets datum; också byggdatum, så att utdata blir byte-identiska
# beslut: {organ: Kommunstyrelsen, datum: ÅÅÅÅ-MM-DD, paragraf: "§ 1", diarienummer: "KS ÅÅÅÅ-0001"}
# underskrifter: [{namn: …, roll: Nämndens ordförande}]
`;

  const tabeller = `# yaml-language-server: $schema=../schema/tabeller.schema.json
# Tabellerna. Skriv beloppen som i publikationen (decimalerna du skriver är de som trycks); null är en tom cell.
tabeller:
  - id: driftsammandrag
    rubrik: Driftsammandrag
    typ: driftsammandrag
    efter: Ekonomi               # den generiska mallen placerar tabellen efter texten under rubriken "Ekonomi"
    enhet: tkr                   # tkr | mnkr | mdkr | kr | % | antal | blandad
    förspalt: Nettokostnad, tkr
    teckenkonvention: intäkter-positiva
    kolumner:
${kolumner.map(kolumnRad).join('\n')}
    rader:
      - {id: verksamhet-a, etikett: Verksamhet A, värden: [${tom}]}
      - {id: verksamhet-b, etikett: Verksamhet B, värden: [${tom}]}
      - {id: summa, etikett: Summa, roll: summa, värden: [${tom}]}
    regler:
      - {rad: summa, är: verksamhet-a + verksamhet-b}
`;

  const mål = `# yaml-language-server: $schema=../schema/mal.schema.json
# Målen: målområde → kommunövergripande mål → nämndmål → indikatorer.
benämning: {mål: Nämndmål, indikator: Nämndindikator}
kolumner:
  - {id: utfall_${v.år - 1}, rubrik: "${v.år - 1}", mått: utfall, år: ${v.år - 1}}
  - {id: mal_${v.år}, rubrik: Målvärde ${v.år}, mått: målvärde, år: ${v.år}}
målområden:
  - id: omrade-1
    namn: Namn på målområdet
    kommunövergripande_mål:
      - id: kommunmal-1
        namn: Namn på det kommunövergripande målet
        nämndmål:
          - id: namndmal-1
            namn: Namn på nämndmålet
            beskrivning: Beskriv vad nämnden vill uppnå.
${uppföljning ? `            bedömning: {nivå: ${v.ord?.bedömning ?? 'kan-ej-bedömas'}, analys: Skriv bedömningens motivering.}\n` : ''}            indikatorer:
              - {id: indikator-1, namn: Indikator 1, enhet: "%", värden: [null, null]}
`;

  const uppdrag = `# yaml-language-server: $schema=../schema/uppdrag.schema.json
# Uppdragen i listor. riktat_till skrivs ut; status och kommentar${uppföljning ? ' följs upp i denna rapport' : ' följs upp i årets uppföljningar'}.
listor:
  - id: namnduppdrag
    rubrik: Nämndens uppdrag
    typ: nämnduppdrag            # kommungemensamt | nämndspecifikt | nämnduppdrag | förvaltningsuppdrag
    uppdrag:
      - {nummer: 1, text: Beskriv uppdraget., riktat_till: ${q(v.nämnd)}${uppföljning ? `, status: ${q(v.ord?.status ?? 'pågår')}, kommentar: Skriv hur arbetet går.` : ''}}
`;

  const kapitel = kapitelfiler(v.typ);
  return {
    data: [
      { namn: 'rapport.yaml', text: rapport },
      { namn: 'tabeller.yaml', text: tabeller },
      { namn: 'mal.yaml', text: mål },
      { namn: 'uppdrag.yaml', text: uppdrag },
    ],
    texter: kapitel,
  };
}

/** The chapter files a new report of a kind starts with, each marked UTKAST until it is written. */
export function kapitelfiler(typ: Rapporttyp): Fil[] {
  const utkast = '> **UTKAST:** Skriv texten och ta bort denna rad.';
  return kapitelFörTyp(typ).map((k, i) => ({
    namn: `${String(i + 1).padStart(2, '0')}-${slugify(k.rubrik)}.md`,
    text: `# ${k.rubrik}\n\n${utkast}\n\n${k.underrubriker.map((u) => `## ${u}\n\nSkriv här.\n`).join('\n')}`,
  }));
}

/** Chapter headings to fill in, per kind; generic, the kommun renames them freely. */
export function kapitelFörTyp(typ: Rapporttyp): { rubrik: string; underrubriker: string[] }[] {
  if (ärUppföljning(typ)) {
    return [
      { rubrik: 'Sammanfattning', underrubriker: ['Viktiga händelser'] },
      { rubrik: 'Ekonomi', underrubriker: ['Prognos och avvikelser'] },
      { rubrik: 'Verksamhet', underrubriker: ['Personal'] },
    ];
  }
  return [
    { rubrik: 'Inledning', underrubriker: ['Nämndens uppdrag'] },
    { rubrik: 'Ekonomi', underrubriker: ['Förändringar jämfört med föregående år'] },
    { rubrik: 'Verksamhet', underrubriker: ['Personal'] },
  ];
}
