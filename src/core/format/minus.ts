/**
 * A minus typed as a hyphen (or en dash) before a figure in running text becomes U+2212, as the
 * tables print it: "-4,8 mnkr" → "−4,8 mnkr". Only where the dash starts a number (after a space,
 * a bracket or the start), so ranges ("2025-2029"), compounds ("IT-stöd") and list dashes stay.
 */
export function typografisktMinus(text: string): string {
  return text.replace(/(^|[\s([/:;=])[-\u2013](?=\d)/g, '$1\u2212');
}
