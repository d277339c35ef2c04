import type { DiagnosRegel } from '../core/diagnostics/regler.js';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import type { LoadedReport } from '../load/load-report.js';
import type { Path, SourceMap } from '../load/yaml-source.js';
import type { Rad } from '../schema/tabell.js';
import { parseExpression } from '../core/expression.js';

/** Checks what a schema cannot: unique ids, references that resolve, one value per column. */
export function validateSemantics(r: LoadedReport): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (
    source: SourceMap | undefined,
    path: Path,
    fält: string,
    regel: DiagnosRegel,
    meddelande: string,
  ): void => {
    out.push({ allvarlighet: 'fel', regel, meddelande, fält, ...(source ? { plats: source.at(path) } : {}) });
  };

  const ts = r.sources.tabeller;
  // Every table's rows and columns, for rule terms naming a cell of another table.
  const cellsOf = new Map(
    r.tabeller.tabeller.map((t) => {
      const rows: string[] = [];
      const walk = (rs: Rad[]): void => rs.forEach((x) => (rows.push(x.id), walk(x.rader ?? [])));
      walk(t.rader);
      return [t.id, { rows, cols: t.kolumner.map((c) => c.id) }] as const;
    }),
  );
  /** What is wrong with a term `tabell/rad/kolumn`, or undefined when the cell exists. */
  const otherCellError = (term: string): string | undefined => {
    const [tabell = '', rad = '', kolumn = ''] = term.split('/');
    const t = cellsOf.get(tabell);
    if (!t) return `tabellen "${tabell}" i "${term}" finns inte; skriv en av ${[...cellsOf.keys()].join(', ')}`;
    if (!t.rows.includes(rad)) return `raden "${rad}" i "${term}" finns inte i tabellen ${tabell}`;
    if (!t.cols.includes(kolumn))
      return `kolumnen "${kolumn}" i "${term}" finns inte i tabellen ${tabell}; skriv en av ${t.cols.join(', ')}`;
    return undefined;
  };
  const tableIds = new Map<string, number>();
  r.tabeller.tabeller.forEach((t, ti) => {
    const tp: Path = ['tabeller', ti];
    if (tableIds.has(t.id))
      err(
        ts,
        [...tp, 'id'],
        `${t.id}.id`,
        'dubblett-id',
        `tabell-id "${t.id}" används redan (tabeller[${tableIds.get(t.id)}])`,
      );
    tableIds.set(t.id, ti);
    const colIds = new Set<string>();
    t.kolumner.forEach((c, ci) => {
      if (colIds.has(c.id))
        err(
          ts,
          [...tp, 'kolumner', ci, 'id'],
          `${t.id}.kolumner[${ci}].id`,
          'dubblett-id',
          `kolumn-id "${c.id}" används redan i tabellen`,
        );
      colIds.add(c.id);
    });
    const rowIds = new Set<string>();
    const rowOf = new Map<string, Rad>();
    const walk = (rows: Rad[], path: Path, label: string): void => {
      rows.forEach((row, ri) => {
        const rp: Path = [...path, ri];
        const rl = `${label}[${ri}]`;
        if (rowIds.has(row.id))
          err(ts, [...rp, 'id'], `${rl}.id`, 'dubblett-id', `rad-id "${row.id}" används redan i tabellen ${t.id}`);
        rowIds.add(row.id);
        rowOf.set(row.id, row);
        if (row.värden && row.värden.length !== t.kolumner.length) {
          err(
            ts,
            [...rp, 'värden'],
            `${rl}.värden`,
            'antal-värden',
            `raden "${row.etikett}" har ${row.värden.length} värden men tabellen har ${t.kolumner.length} kolumner`,
          );
        }
        if (!row.värden && row.roll !== 'grupp' && row.roll !== 'text' && row.roll !== 'mellanrum') {
          err(
            ts,
            rp,
            rl,
            'antal-värden',
            `raden "${row.etikett}" saknar värden; skriv värdena, eller sätt roll: text för en rad med bara etikett (roll: grupp för en fet rubrikrad)`,
          );
        }
        if (row.roll === 'varav' && !row.varav) {
          err(
            ts,
            [...rp, 'roll'],
            `${rl}.varav`,
            'schema',
            `en varav-rad behöver "varav: kostnader|intäkter|utgifter|inkomster|annat"`,
          );
        }
        for (const f of row.fotnoter ?? []) {
          if (!t.fotnoter.some((x) => x.markör === f))
            err(
              ts,
              [...rp, 'fotnoter'],
              `${rl}.fotnoter`,
              'okänd-referens',
              `fotnoten "${f}" finns inte i tabellens fotnoter`,
            );
        }
        if (row.rader) walk(row.rader, [...rp, 'rader'], `${rl}.rader`);
      });
    };
    walk(t.rader, [...tp, 'rader'], `${t.id}.rader`);
    t.diagram.forEach((dg, di) => {
      const dp: Path = [...tp, 'diagram', di];
      (dg.rader ?? []).forEach((id, i) => {
        if (!rowIds.has(id))
          err(
            ts,
            [...dp, 'rader', i],
            `${t.id}.diagram[${di}].rader[${i}]`,
            'okänd-referens',
            `raden "${id}" finns inte i tabellen ${t.id}`,
          );
      });
      dg.kolumner.forEach((id, i) => {
        if (!colIds.has(id))
          err(
            ts,
            [...dp, 'kolumner', i],
            `${t.id}.diagram[${di}].kolumner[${i}]`,
            'okänd-referens',
            `kolumnen "${id}" finns inte i tabellen ${t.id}`,
          );
      });
    });
    t.regler.forEach((rule, gi) => {
      const gp: Path = [...tp, 'regler', gi];
      const gl = `${t.id}.regler[${gi}]`;
      const isRow = rule.rad !== undefined;
      const targets = isRow ? rowIds : colIds;
      const kind = isRow ? 'rad' : 'kolumn';
      const target = rule.rad ?? rule.kolumn!;
      if (!targets.has(target))
        err(
          ts,
          [...gp, kind],
          `${gl}.${kind}`,
          'okänd-referens',
          `${kind}en "${target}" finns inte i tabellen ${t.id}`,
        );
      for (const term of termsOf(rule.är)) {
        if (term.includes('/')) {
          const fel = otherCellError(term);
          if (fel) err(ts, [...gp, 'är'], `${gl}.är`, 'okänd-referens', fel);
          continue;
        }
        if (!targets.has(term))
          err(ts, [...gp, 'är'], `${gl}.är`, 'okänd-referens', `${kind}en "${term}" finns inte i tabellen ${t.id}`);
        const roll = isRow ? rowOf.get(term)?.roll : undefined;
        if (roll === 'mellanrum' || roll === 'text' || (roll === 'grupp' && !rowOf.get(term)?.värden))
          err(
            ts,
            [...gp, 'är'],
            `${gl}.är`,
            'regel',
            `raden "${term}" är en ${{ mellanrum: 'mellanrumsrad', text: 'textrad', grupp: 'grupprad' }[roll]} utan värden och kan inte räknas`,
          );
      }
      // A row rule adds figures of one unit: a row with its own unit cannot be summed with the others.
      if (isRow) {
        const unitOf = (id: string): string => rowOf.get(id)?.enhet ?? t.enhet;
        const other = termsOf(rule.är).find((id) => rowIds.has(id) && unitOf(id) !== unitOf(target));
        // (A cell of another table is the writer's to match: its unit is that table's.)
        if (other && rowIds.has(target))
          err(
            ts,
            [...gp, 'är'],
            `${gl}.är`,
            'regel',
            `raden "${other}" har enheten ${unitOf(other)} men "${target}" har ${unitOf(target)}; en regel räknar bara rader med samma enhet`,
          );
      }
      (rule.kolumner ?? []).forEach((c, i) => {
        if (!colIds.has(c))
          err(
            ts,
            [...gp, 'kolumner', i],
            `${gl}.kolumner[${i}]`,
            'okänd-referens',
            `kolumnen "${c}" finns inte i tabellen ${t.id}`,
          );
      });
      (rule.rader ?? []).forEach((c, i) => {
        if (!rowIds.has(c))
          err(
            ts,
            [...gp, 'rader', i],
            `${gl}.rader[${i}]`,
            'okänd-referens',
            `raden "${c}" finns inte i tabellen ${t.id}`,
          );
      });
    });
  });

  r.tabeller.samband.forEach((sb, si) => {
    const cols: Record<string, Set<string>> = {};
    sb.rader.forEach((ref, k) => {
      const [tid, rid] = ref.split('/') as [string, string];
      const t = r.tabeller.tabeller.find((x) => x.id === tid);
      const path: Path = ['samband', si, 'rader', k];
      // "mål/<indikator>": an indicator, the same figure as a table row (sjukfrånvaron in both).
      if (tid === 'mål' && !t) {
        const goals =
          r.mål?.målområden.flatMap((o) =>
            o.kommunövergripande_mål.map((km) => ({
              kolumner: km.kolumner ?? r.mål!.kolumner,
              ids: km.nämndmål.flatMap((n) => n.indikatorer.map((i) => i.id)),
            })),
          ) ?? [];
        const g = goals.find((x) => x.ids.includes(rid));
        if (!g)
          return err(
            ts,
            path,
            `samband[${si}].rader[${k}]`,
            'okänd-referens',
            `indikatorn "${rid}" finns inte i mal.yaml`,
          );
        cols[k] = new Set(g.kolumner.map((c) => c.id));
        return;
      }
      if (!t) return err(ts, path, `samband[${si}].rader[${k}]`, 'okänd-referens', `tabellen "${tid}" finns inte`);
      const rows: string[] = [];
      const walk = (rs: typeof t.rader): void => rs.forEach((x) => (rows.push(x.id), x.rader && walk(x.rader)));
      walk(t.rader);
      if (!rows.includes(rid))
        err(ts, path, `samband[${si}].rader[${k}]`, 'okänd-referens', `raden "${rid}" finns inte i tabellen ${tid}`);
      cols[k] = new Set(t.kolumner.map((c) => c.id));
    });
    for (const [a, b] of Object.entries(sb.kolumner ?? {})) {
      if (cols[0] && !cols[0].has(a))
        err(
          ts,
          ['samband', si, 'kolumner', a],
          `samband[${si}].kolumner.${a}`,
          'okänd-referens',
          `kolumnen "${a}" finns inte i ${sb.rader[0]}`,
        );
      if (cols[1] && !cols[1].has(b))
        err(
          ts,
          ['samband', si, 'kolumner', a],
          `samband[${si}].kolumner.${a}`,
          'okänd-referens',
          `kolumnen "${b}" finns inte i ${sb.rader[1]}`,
        );
    }
  });

  const ms = r.sources.mål;
  if (r.mål) {
    const goalIds = new Set<string>();
    const indIds = new Set<string>();
    r.mål.målområden.forEach((o, oi) => {
      o.kommunövergripande_mål.forEach((k, ki) => {
        const cols = (k.kolumner ?? r.mål!.kolumner).length;
        const kp: Path = ['målområden', oi, 'kommunövergripande_mål', ki];
        const markers = new Set([...k.fotnoter, ...r.mål!.fotnoter].map((f) => f.markör));
        k.nämndmål.forEach((n, ni) => {
          const np: Path = [...kp, 'nämndmål', ni];
          if (goalIds.has(n.id))
            err(ms, [...np, 'id'], `nämndmål ${n.id}`, 'dubblett-id', `nämndmål-id "${n.id}" används redan`);
          goalIds.add(n.id);
          n.indikatorer.forEach((ind, ii) => {
            const ip: Path = [...np, 'indikatorer', ii];
            if (indIds.has(ind.id))
              err(ms, [...ip, 'id'], `indikator ${ind.id}`, 'dubblett-id', `indikator-id "${ind.id}" används redan`);
            indIds.add(ind.id);
            if (ind.värden.length !== cols)
              err(
                ms,
                [...ip, 'värden'],
                `${ind.id}.värden`,
                'antal-värden',
                `indikatorn har ${ind.värden.length} värden men tabellen har ${cols} kolumner`,
              );
            ind.delrader.forEach((d, di) => {
              if (d.värden.length !== cols)
                err(
                  ms,
                  [...ip, 'delrader', di, 'värden'],
                  `${ind.id}.delrader[${di}].värden`,
                  'antal-värden',
                  `delraden "${d.namn}" har ${d.värden.length} värden men tabellen har ${cols} kolumner`,
                );
            });
            for (const f of ind.fotnoter ?? []) {
              if (!markers.has(f))
                err(
                  ms,
                  [...ip, 'fotnoter'],
                  `${ind.id}.fotnoter`,
                  'okänd-referens',
                  `fotnoten "${f}" finns inte bland målets fotnoter`,
                );
            }
          });
        });
      });
    });
  }

  const us = r.sources.uppdrag;
  if (r.uppdrag) {
    const listIds = new Set<string>();
    r.uppdrag.listor.forEach((l, li) => {
      if (listIds.has(l.id))
        err(us, ['listor', li, 'id'], `listor[${li}].id`, 'dubblett-id', `list-id "${l.id}" används redan`);
      listIds.add(l.id);
      const nums = new Set<number>();
      const numrerad = l.uppdrag.some((u) => u.nummer !== undefined);
      l.uppdrag.forEach((u, ui) => {
        if (u.nummer === undefined) {
          // Numbers are all or nothing: a list prints either numbered or as bullets.
          if (numrerad)
            err(
              us,
              ['listor', li, 'uppdrag', ui],
              `${l.id}.uppdrag[${ui}].nummer`,
              'schema',
              'uppdraget saknar nummer men andra uppdrag i listan har nummer; ge alla ett nummer, eller ta bort numren i hela listan',
            );
          return;
        }
        if (nums.has(u.nummer))
          err(
            us,
            ['listor', li, 'uppdrag', ui, 'nummer'],
            `${l.id}.uppdrag[${ui}].nummer`,
            'dubblett-id',
            `uppdrag nummer ${u.nummer} finns redan i listan`,
          );
        nums.add(u.nummer);
      });
    });
  }

  const ups = r.sources.uppgifter;
  const uppgiftIds = new Map<string, number>();
  r.uppgifter?.uppgifter.forEach((u, ui) => {
    if (uppgiftIds.has(u.id))
      err(
        ups,
        ['uppgifter', ui, 'id'],
        `uppgifter[${ui}].id`,
        'dubblett-id',
        `uppgift-id "${u.id}" används redan (uppgifter[${uppgiftIds.get(u.id)}])`,
      );
    uppgiftIds.set(u.id, ui);
  });
  // Uppgifter are facts "uppgifter/<id>/värde": the name must not shadow a table's.
  if (tableIds.has('uppgifter'))
    err(
      ts,
      ['tabeller', tableIds.get('uppgifter')!, 'id'],
      'uppgifter.id',
      'dubblett-id',
      'tabell-id "uppgifter" är reserverat för uppgifter.yaml',
    );

  // `mall` names a file under templates/: a path that leaves it could read any file on the machine.
  const mall = r.rapport?.mall;
  if (mall !== undefined && !/^[\p{L}\p{N}_-][\p{L}\p{N}._-]*$/u.test(mall)) {
    err(
      r.sources.rapport,
      ['mall'],
      'mall',
      'sökväg',
      `mallen "${mall}" ska vara ett namn på en fil i templates/ (utan .hbs), utan / eller \\ och utan .. ; skriv t.ex. mall: internbudget`,
    );
  }
  // The id names the output files (<id>.html): with the extension they must fit the file system's 255 bytes.
  if (r.rapport && Buffer.byteLength(r.rapport.id) > 250) {
    err(
      r.sources.rapport,
      ['id'],
      'id',
      'schema',
      `id "${r.rapport.id.slice(0, 20)}…" är ${Buffer.byteLength(r.rapport.id)} byte långt; högst 250 byte (å, ä och ö räknas som två), så att filnamnen ryms i filsystemet`,
    );
  }
  if (r.rapport && r.rapport.id !== r.id) {
    err(r.sources.rapport, ['id'], 'id', 'schema', `id "${r.rapport.id}" ska vara detsamma som mappens namn "${r.id}"`);
  }
  return out;
}

/** Ids named in a rule expression such as `a + b - c`. */
export function termsOf(expr: string): string[] {
  return parseExpression(expr).map((t) => t.id);
}
