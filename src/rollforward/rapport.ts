import { isMap } from 'yaml';
import { årIntervall, datumText, flyttaDatum, flyttaÅrIText } from './ar.js';
import { RullaFramFel } from '../load/rulla-fram-fel.js';
import { läsYaml, skrivYaml, strängVärde, sättScalar, talVärde } from '../load/yaml-doc.js';

export interface RulladRapport {
  text: string;
  gammaltBudgetår: number;
  budgetår: number;
  planår?: { från: number; till: number };
  titel?: string;
}

/**
 * rapport.yaml one year on: the new id; budgetår, planår and a delårsrapport's period one year
 * later; status `utkast`; `datum` one year later (dates come from the data, never the clock); the
 * decision's date, paragraf and diarienummer removed (a new meeting) but its organ kept; bilagor,
 * underskrifter and the rest kept; `accepterade` removed (the findings were about last year's
 * text). The years in titel, undertitel and the period's benämning that lie in budgetår..planår
 * move one year: "2024 med plan för 2025-2029" → "2025 med plan för 2026-2030".
 */
export function rullaRapport(text: string, nyttId: string, fil = 'rapport.yaml'): RulladRapport {
  const y = läsYaml(text, fil);
  const doc = y.doc;
  if (!isMap(doc.contents)) throw new RullaFramFel(`${fil}: filen innehåller ingen mappning`);
  const r = doc.contents;
  const budgetår = talVärde(r, 'budgetår');
  if (budgetår === undefined) throw new RullaFramFel(`${fil}: "budgetår" saknas eller är inget år`);
  const planNod = r.get('planår');
  const plan = isMap(planNod) ? { från: talVärde(planNod, 'från'), till: talVärde(planNod, 'till') } : undefined;
  const årITexten = årIntervall(budgetår, plan?.till ?? budgetår);

  sättScalar(r, 'id', nyttId);
  sättScalar(r, 'budgetår', budgetår + 1);
  let nyPlan: { från: number; till: number } | undefined;
  if (isMap(planNod) && plan?.från !== undefined && plan.till !== undefined) {
    sättScalar(planNod, 'från', plan.från + 1);
    sättScalar(planNod, 'till', plan.till + 1);
    nyPlan = { från: plan.från + 1, till: plan.till + 1 };
  }
  for (const key of ['titel', 'undertitel']) {
    const v = strängVärde(r, key);
    if (v !== undefined) sättScalar(r, key, flyttaÅrIText(v, årITexten));
  }
  const period = r.get('period');
  if (isMap(period)) {
    for (const key of ['från', 'till']) {
      const d = datumText(period.get(key));
      if (d !== undefined) sättScalar(period, key, flyttaDatum(d));
    }
    const benämning = strängVärde(period, 'benämning');
    if (benämning !== undefined) sättScalar(period, 'benämning', flyttaÅrIText(benämning, årITexten));
  }
  sättScalar(r, 'status', 'utkast');
  const datum = datumText(r.get('datum'));
  if (datum !== undefined) sättScalar(r, 'datum', flyttaDatum(datum));
  const beslut = r.get('beslut');
  if (isMap(beslut)) {
    for (const key of ['datum', 'paragraf', 'diarienummer']) beslut.delete(key);
    if (beslut.items.length === 0) r.delete('beslut');
  }
  r.delete('accepterade');
  const titel = strängVärde(r, 'titel');
  return {
    text: skrivYaml(y),
    gammaltBudgetår: budgetår,
    budgetår: budgetår + 1,
    ...(nyPlan ? { planår: nyPlan } : {}),
    ...(titel !== undefined ? { titel } : {}),
  };
}
