import { createRequire } from 'node:module';

/**
 * How many times a method of one of pdfmake's classes (`pdfmake/js/<file>`, its default export's
 * prototype) was called while `f` ran, and what `f` gave. The method is put back afterwards.
 */
export async function countCalls<T>(
  file: string,
  method: string,
  f: () => Promise<T>,
): Promise<{ result: T; count: number }> {
  const cls = (
    createRequire(import.meta.url)(`pdfmake/js/${file}`) as {
      default: { prototype: Record<string, (...a: unknown[]) => unknown> };
    }
  ).default;
  const own = cls.prototype[method]!;
  let count = 0;
  cls.prototype[method] = function (this: unknown, ...a: unknown[]) {
    count++;
    return own.apply(this, a);
  };
  try {
    return { result: await f(), count };
  } finally {
    cls.prototype[method] = own;
  }
}
