/**
 * A problem with the file as a whole (not with one row): unreadable, no header, missing columns.
 * The message is Spanish and starts with "archivo:" (or "file:" for the size of an unzipped workbook);
 * the service turns it into a 400.
 */
export class MirFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MirFileError';
  }
}
