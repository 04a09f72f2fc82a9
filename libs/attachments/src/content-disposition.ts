/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 / RFC 5987): an ASCII fallback for old
 * clients and the exact UTF-8 name for the rest, with nothing that could break out of the header.
 */
export function contentDisposition(filename: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const safe = safeFilename(filename);
  const fallback = safe
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The last path segment of a client's file name, without control characters, at most 255 characters. */
export function safeFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  const name = clean === '' || clean === '.' || clean === '..' ? 'archivo' : clean;
  return [...name].slice(-255).join('');
}
