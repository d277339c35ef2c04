/**
 * The operating system's errors in Swedish. Node words them in English ("EACCES: permission
 * denied, open …"); a user reads only these sentences, never the original.
 */
const ERRNO_SV: Record<string, string> = {
  EACCES: 'behörighet saknas',
  EPERM: 'åtgärden är inte tillåten',
  EISDIR: 'är en mapp, inte en fil',
  ENOTDIR: 'en del av sökvägen är en fil, inte en mapp',
  ENOENT: 'finns inte',
  EEXIST: 'finns redan',
  ENOSPC: 'disken är full',
  EDQUOT: 'diskkvoten är slut',
  EROFS: 'filsystemet är skrivskyddat',
  ENAMETOOLONG: 'namnet är för långt för filsystemet',
  EMFILE: 'för många öppna filer',
  ENFILE: 'för många öppna filer i systemet',
  EIO: 'in- eller utmatningsfel på disken',
  EBUSY: 'resursen används av ett annat program',
  ENOTEMPTY: 'mappen är inte tom',
  EXDEV: 'kan inte flyttas mellan olika filsystem',
  ELOOP: 'för många symboliska länkar i sökvägen',
  EINVAL: 'ogiltig åtgärd för den här platsen',
  ENXIO: 'enheten finns inte',
  ENODEV: 'platsen kan inte innehålla filer',
  ETXTBSY: 'filen används av ett annat program',
  EFBIG: 'filen är för stor',
};

/** The errno code of a Node file-system error, if it is one. */
export function errnoCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string')
    return (e as { code: string }).code;
  return undefined;
}

/** A Swedish sentence for an error from the file system: "behörighet saknas" rather than "EACCES: permission denied". */
export function osFelSv(e: unknown): string {
  const code = errnoCode(e);
  if (code) return ERRNO_SV[code] ?? `fel från operativsystemet (${code})`;
  return 'okänt fel från operativsystemet';
}
