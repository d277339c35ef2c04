/** WCAG 2 contrast, for the profile's text colours. */
function luminans(hex: string): number {
  const kanal = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * kanal(0) + 0.7152 * kanal(1) + 0.0722 * kanal(2);
}

/** Contrast ratio of two "#rrggbb" colours, 1–21. */
export function kontrast(a: string, b: string): number {
  const [l1, l2] = [luminans(a), luminans(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** WCAG AA for normal text. */
export const AA_TEXT = 4.5;
