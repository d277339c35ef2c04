import { RullaFramFel } from '../load/rulla-fram-fel.js';
import type { Kolumnkarta } from './kolumner.js';
import { rullaMål } from './mal.js';
import { rullaRapport } from './rapport.js';
import { rullaTabeller } from './tabeller.js';
import { rullaText } from './text.js';
import { rullaUppdrag } from './uppdrag.js';

export { RullaFramFel } from '../load/rulla-fram-fel.js';
export { UTKAST_MARKÖR, UTKAST_MÖNSTER, utkastMarkering } from './text.js';

export interface Fil {
  /** File name inside the report's folder, e.g. `rapport.yaml` or `03-ekonomi.md`. */
  namn: string;
  text: string;
}

export interface Källrapport {
  id: string;
  /** The files of data/<id>/. */
  data: Fil[];
  /** The narrative files of content/<id>/ (`*.md`). */
  texter: Fil[];
  /**
   * What each inline reference printed in this report (the text inside `{=…}` → "30,2 mnkr"),
   * when known: a reference whose figure is gone from the new tables becomes this text.
   */
  referenstexter?: Map<string, string>;
}

export interface RulladRapportFiler {
  id: string;
  data: Fil[];
  texter: Fil[];
  budgetår: { från: number; till: number };
  planår?: { från: number; till: number };
  titel?: string;
  /** What the writer should look at: references that moved, files copied unchanged. */
  anteckningar: string[];
}

/**
 * Rolls a report forward one year: old report texts in, new report texts out. Pure: no file
 * system, no clock. Throws RullaFramFel (with a Swedish message) when the report cannot be rolled.
 */
export function rullaFram(källa: Källrapport, nyttId: string): RulladRapportFiler {
  const fil = (namn: string): Fil | undefined => källa.data.find((f) => f.namn === namn);
  const väg = (namn: string): string => `data/${källa.id}/${namn}`;
  const rapportFil = fil('rapport.yaml');
  if (!rapportFil) throw new RullaFramFel(`${väg('rapport.yaml')} saknas`);
  const rapport = rullaRapport(rapportFil.text, nyttId, väg('rapport.yaml'));
  const anteckningar: string[] = [];
  const data: Fil[] = [{ namn: 'rapport.yaml', text: rapport.text }];

  let tabellKartor = new Map<string, Kolumnkarta>();
  const tabeller = fil('tabeller.yaml');
  if (tabeller) {
    const t = rullaTabeller(tabeller.text, väg('tabeller.yaml'));
    tabellKartor = t.kolumner;
    data.push({ namn: 'tabeller.yaml', text: t.text });
  }
  let indikatorKartor = new Map<string, Kolumnkarta>();
  const mål = fil('mal.yaml');
  if (mål) {
    const m = rullaMål(mål.text, väg('mal.yaml'));
    indikatorKartor = m.kolumner;
    data.push({ namn: 'mal.yaml', text: m.text });
    if (m.bedömningarBorttagna)
      anteckningar.push(
        `mal.yaml: ${m.bedömningarBorttagna} bedömningar togs bort (ett nytt år har ingen bedömning än)`,
      );
  }
  const uppdrag = fil('uppdrag.yaml');
  if (uppdrag) {
    const u = rullaUppdrag(uppdrag.text, källa.id, väg('uppdrag.yaml'));
    data.push({ namn: 'uppdrag.yaml', text: u.text });
    if (u.antal)
      anteckningar.push(`uppdrag.yaml: ${u.antal} uppdrag är markerade granska: true; status och kommentar är tömda`);
  }
  const uppgifter = fil('uppgifter.yaml');
  if (uppgifter) {
    // Uppgifter state their own year and source: they stay true, but the new text may not quote them.
    data.push({ namn: 'uppgifter.yaml', text: uppgifter.text });
    anteckningar.push(
      'uppgifter.yaml: kopierad oförändrad; ta bort eller uppdatera uppgifter som den nya texten inte längre nämner',
    );
  }
  for (const f of källa.data) {
    if (data.some((d) => d.namn === f.namn)) continue;
    data.push(f);
    anteckningar.push(`data/${nyttId}/${f.namn}: kopierad oförändrad (okänd fil för ny)`);
  }

  const texter = källa.texter.map((t) => {
    const r = rullaText(t.text, källa.id, rapport.budgetår, {
      tabeller: tabellKartor,
      indikatorer: indikatorKartor,
      ...(källa.referenstexter ? { texter: källa.referenstexter } : {}),
    });
    for (const a of r.anteckningar) anteckningar.push(`content/${nyttId}/${t.namn}:${a}`);
    return { namn: t.namn, text: r.text };
  });

  return {
    id: nyttId,
    data,
    texter,
    budgetår: { från: rapport.gammaltBudgetår, till: rapport.budgetår },
    ...(rapport.planår ? { planår: rapport.planår } : {}),
    ...(rapport.titel !== undefined ? { titel: rapport.titel } : {}),
    anteckningar,
  };
}
