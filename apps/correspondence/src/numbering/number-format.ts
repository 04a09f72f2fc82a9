import { BadRequestException } from '@nestjs/common';

/** `{year}`, `{seq}` or `{seq:N}` (zero-padded to N digits): e.g. `OP/{year}/{seq:6}` gives `OP/2025/000123`. */
const TOKEN = /\{(year|seq)(?::([1-9]))?\}/g;

/** Why a folio or oficio format cannot give unique numbers; undefined when it can. */
export function formatProblem(format: string): string | undefined {
  const tokens = [...format.matchAll(TOKEN)].map((match) => match[1]);
  if (tokens.filter((token) => token === 'seq').length !== 1) return 'debe llevar una vez {seq} o {seq:N} (N de 1 a 9 dígitos)';
  // The sequence restarts every year: without the year two years would share numbers.
  if (!tokens.includes('year')) return 'debe llevar {year}, pues la numeración reinicia cada año';
  if (/[{}]/.test(format.replace(TOKEN, ''))) return 'solo admite los marcadores {year}, {seq} y {seq:N}';
  return undefined;
}

export function formatNumber(format: string, year: number, sequence: number): string {
  return format.replace(TOKEN, (_, token: string, width?: string) =>
    token === 'year' ? String(year) : String(sequence).padStart(width ? Number(width) : 0, '0'),
  );
}

export function requireValidFormat(field: string, format: string): void {
  const problem = formatProblem(format);
  if (problem) throw new BadRequestException(`${field}: el formato "${format}" ${problem}`);
}
