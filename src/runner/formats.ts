/** The output formats of `build`; apart from the renderers so the CLI can check options without loading them. */
export const FORMATS = ['html', 'pdf', 'xlsx', 'docx'] as const;
export type Format = (typeof FORMATS)[number];

/** A report's files in their fixed order: the formats as in FORMATS, then kontroll.json. */
export function orderOutputs<T extends { namn: string }>(outputs: T[]): T[] {
  const rank = (o: { namn: string }): number => {
    const i = FORMATS.findIndex((f) => o.namn.endsWith(`.${f}`));
    return i < 0 ? FORMATS.length : i;
  };
  return [...outputs].sort((a, b) => rank(a) - rank(b));
}
