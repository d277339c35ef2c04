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

export type RegelId = keyof typeof REGLER;

export const isRegel = (id: string): id is RegelId => Object.hasOwn(REGLER, id);

/** The rule list as `check --help` prints it. */
export function regelHjälp(): string {
  const w = Math.max(...Object.keys(REGLER).map((k) => k.length));
  return Object.entries(REGLER)
    .map(([id, text]) => `  ${id.padEnd(w)}  ${text}`)
    .join('\n');
}
