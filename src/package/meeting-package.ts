import { createHash } from 'node:crypto';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import type { Dokument } from '../core/model/dokument.js';

/** One attachment of a kommunstyrelse meeting. */
export interface Bilaga {
  nummer: number;
  rapport: string;
  titel: string;
  fil: string;
  sha256?: string;
  /** The same attachment as a Word document (`paket --docx`), named like the PDF. */
  docx?: { fil: string; sha256: string };
}

export interface Paket {
  organ: string;
  datum: string;
  paragraf: string;
  diarienummer: string;
  /** "Bilaga 3 till KS 2024-12-03 § 412, Dnr KS 2024-0815". */
  stämpel: (nummer: number) => string;
  /** File-system-safe stem: "KS-2024-0815". */
  prefix: string;
  bilagor: Bilaga[];
}

const ORGAN_KORT: Record<string, string> = { kommunstyrelsen: 'KS', kommunfullmäktige: 'KF' };

/** Letters, digits and - only, so the names work on every file system and in e-mail. */
export function safeName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Plans the package from the manifests; every problem is a diagnostic, nothing is half-planned. */
export function planPackage(docs: Dokument[]): { paket?: Paket; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const err = (d: Dokument, meddelande: string, fält: string): void => {
    diagnostics.push({
      allvarlighet: 'fel',
      regel: 'paket',
      meddelande,
      fält,
      plats: { fil: `data/${d.id}/rapport.yaml`, rad: 1, kolumn: 1 },
    });
  };
  for (const d of docs) {
    const b = d.rapport.beslut;
    if (!b?.diarienummer)
      err(d, `${d.id}: diarienummer saknas (beslut.diarienummer i rapport.yaml)`, 'beslut.diarienummer');
    if (!b?.datum) err(d, `${d.id}: sammanträdets datum saknas (beslut.datum)`, 'beslut.datum');
    if (!b?.paragraf) err(d, `${d.id}: paragraf saknas (beslut.paragraf)`, 'beslut.paragraf');
    if (d.rapport.bilaga === undefined) err(d, `${d.id}: rapportens bilagenummer saknas (bilaga)`, 'bilaga');
  }
  if (diagnostics.length) return { diagnostics };
  const first = docs[0]!.rapport.beslut!;
  for (const d of docs.slice(1)) {
    const b = d.rapport.beslut!;
    if (b.diarienummer !== first.diarienummer || b.datum !== first.datum || b.paragraf !== first.paragraf) {
      err(
        d,
        `${d.id} hör till ett annat ärende (${b.datum} ${b.paragraf}, Dnr ${b.diarienummer}) än ${docs[0]!.id} (${first.datum} ${first.paragraf}, Dnr ${first.diarienummer})`,
        'beslut',
      );
    }
  }
  const seen = new Map<number, string>();
  for (const d of docs) {
    const n = d.rapport.bilaga!;
    const other = seen.get(n);
    if (other) err(d, `bilaga ${n} används två gånger: av ${other} och ${d.id}`, 'bilaga');
    seen.set(n, d.id);
  }
  if (diagnostics.length) return { diagnostics };
  const organ = ORGAN_KORT[first.organ.toLowerCase()] ?? first.organ;
  const prefix = safeName(first.diarienummer!);
  const bilagor = docs
    .map((d) => ({
      nummer: d.rapport.bilaga!,
      rapport: d.id,
      titel: d.rapport.titel,
      fil: `${prefix}_bilaga-${String(d.rapport.bilaga).padStart(2, '0')}_${safeName(d.id)}.pdf`,
    }))
    .sort((a, b) => a.nummer - b.nummer);
  return {
    paket: {
      organ,
      datum: first.datum!,
      paragraf: first.paragraf!,
      diarienummer: first.diarienummer!,
      stämpel: (n) => `Bilaga ${n} till ${organ} ${first.datum} ${first.paragraf}, Dnr ${first.diarienummer}`,
      prefix,
      bilagor,
    },
    diagnostics,
  };
}

/** The Word file beside an attachment's PDF: the same name, `.docx`. */
export const docxName = (pdf: string): string => pdf.replace(/\.pdf$/, '.docx');

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** The stable JSON index of the package. */
export function indexJson(p: Paket): object {
  return {
    schema: 'kommunrapport/paket@1',
    organ: p.organ,
    datum: p.datum,
    paragraf: p.paragraf,
    diarienummer: p.diarienummer,
    bilagor: p.bilagor.map((b) => ({
      nummer: b.nummer,
      titel: b.titel,
      rapport: b.rapport,
      fil: b.fil,
      sha256: b.sha256,
      ...(b.docx ? { docx: b.docx } : {}),
    })),
  };
}
