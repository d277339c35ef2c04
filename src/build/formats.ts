/** The output formats of `build`; apart from the renderers so the CLI can check options without loading them. */
export const FORMATS = ['html', 'pdf', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];
