/** Kept in step with package.json; printed by --version and written into the workbook's Om sheet. */
export const VERSION = '0.1.0';
