/**
 * Every finding id the checks can give, with what it means in Swedish: read by `check --help`,
 * written into kontroll.json, and the ids `accepterade` in rapport.yaml may name.
 */
export const REGLER = {
  'tabell-regel': 'en tabells deklarerade räkneregel (summa, netto, avvikelse) går inte ihop utöver avrundning',
  'tabell-regel-avrundning': 'en räkneregel går ihop bara inom termernas avrundning (info)',
  samband: 'samma belopp i två tabeller (samband i tabeller.yaml) skiljer sig',
  'samband-tusenfel': 'samma belopp i två tabeller skiljer sig tusen gånger (tkr skrivet som mnkr?)',
  antal: 'ett antal i texten (18 nämndmål, elva uppdrag) stämmer inte med målen och uppdragslistorna',
  'text-mot-tabell': 'ett belopp i texten motsäger den tabellcell, indikator eller uppgift sammanhanget pekar ut',
  'text-tecken':
    'texten kallar ett belopp överskott/ökning eller underskott/minskning, men cellens tecken säger motsatsen',
  'text-summa': 'delbelopp i texten summerar inte till totalen texten anger',
  'ej-verifierbar': 'ett belopp i texten kunde inte kopplas till någon cell som sammanhanget nämner (varning)',
  'bedömning-mot-indikatorer': 'ett måls bedömning stämmer inte med om dess indikatorer når sina målvärden (varning)',
  utkast: 'texten är ett utkast från förra årets rapport (UTKAST-raden finns kvar)',
  'uppdrag-granska': 'ett uppdrag överfört av ny är inte granskat (granska: true)',
  sidhänvisning: 'ett sidnummer är inskrivet i texten ("på sidan 7") i stället för en sidreferens {=sida/…} (varning)',
  'acceptans-okänd-regel': 'en acceptans i rapport.yaml nämner en regel som inte finns',
  'acceptans-utan-fynd': 'en acceptans i rapport.yaml matchar inget fynd (varning)',
} as const satisfies Record<string, string>;

/**
 * The ids of what reading, validating and composing a report can report: errors in the input
 * (not acceptable in rapport.yaml: the input is fixed instead). With REGLER, every `regel` a
 * diagnostic may carry; the Diagnostic type allows no other.
 */
export const INDATAREGLER = {
  'yaml-syntax': 'en YAML-fil går inte att läsa (syntaxfel)',
  'yaml-fälla': 'en svensk YAML-fälla: decimalkomma, mellanslag som tusentalsavgränsare, kolon i en etikett, tabb',
  schema: 'ett fält saknas, är okänt eller har fel typ enligt formatets schema',
  värde: 'ett värde utanför det tillåtna (för långt, för stort)',
  datum: 'ett datum som inte finns eller står i fel ordning',
  teckenkodning: 'en fil är inte UTF-8 (t.ex. Windows-1252 från Excel)',
  regel: 'en tabells räkneregel går inte att tolka',
  sökväg: 'en sökväg i data pekar utanför projektet eller på fel sorts fil',
  'dubblett-id': 'samma id används två gånger',
  'okänd-referens': 'en hänvisning (regel, samband, {=…}, efter:, sida/) pekar på något som inte finns',
  'antal-värden': 'en rad har inte ett värde per kolumn',
  'saknad-fil': 'en fil eller mapp som rapporten behöver finns inte',
  läsfel: 'en fil går inte att läsa (behörighet, kodning, en mapp i stället för en fil)',
  mall: 'mallen går inte att läsa eller placerar inte allt, eller placerar något två gånger',
  profil: 'kommunprofilen är felaktig (fil saknas, kontrast, typsnitt, lexikon)',
  typsnitt: 'typsnittet saknar ett tecken som texten använder',
  rubriknivå: 'en rubriknivå hoppar över en nivå',
  'rå-html': 'HTML i texten tas bort (varning)',
  bild: 'en bild i texten stöds inte och tas bort (varning)',
  'tabell-i-text': 'en Markdown-tabell i texten: lägg tabellen i tabeller.yaml (varning)',
  'text-dubbel': 'samma kapitelfil placeras två gånger',
  'text-oanvänd': 'ett kapitel placeras inte av mallen',
  'data-oanvänd': 'en tabell, ett mål eller en uppdragslista placeras inte av mallen',
  'import-mappning': 'importens mappning är felaktig',
  paket: 'sammanträdespaketet kunde inte sättas samman',
} as const satisfies Record<string, string>;

export type RegelId = keyof typeof REGLER;
export type DiagnosRegel = RegelId | keyof typeof INDATAREGLER;

export const isRegel = (id: string): id is RegelId => Object.hasOwn(REGLER, id);

/** The rule list as `check --help` prints it. */
export function regelHjälp(): string {
  const w = Math.max(...Object.keys(REGLER).map((k) => k.length));
  return Object.entries(REGLER)
    .map(([id, text]) => `  ${id.padEnd(w)}  ${text}`)
    .join('\n');
}
