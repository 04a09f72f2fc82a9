/**
 * What a file IS, decided from its bytes while it streams past, never from the name or the type the
 * client declares: a `.pdf` that is really an executable is refused before anything is stored.
 */

export type AttachmentKind = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'gif' | 'webp' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls' | 'text' | 'csv';

export interface KindDescription {
  /** The Content-Type stored and served (text kinds get their charset added). */
  mime: string;
  /** Spanish label used in error messages. */
  label: string;
  /** File name extensions that may carry this content; the first is the canonical one. */
  extensions: string[];
}

export const ATTACHMENT_KINDS: Record<AttachmentKind, KindDescription> = {
  pdf: { mime: 'application/pdf', label: 'PDF', extensions: ['pdf'] },
  png: { mime: 'image/png', label: 'imagen PNG', extensions: ['png'] },
  jpeg: { mime: 'image/jpeg', label: 'imagen JPEG', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  tiff: { mime: 'image/tiff', label: 'imagen TIFF', extensions: ['tif', 'tiff'] },
  gif: { mime: 'image/gif', label: 'imagen GIF', extensions: ['gif'] },
  webp: { mime: 'image/webp', label: 'imagen WEBP', extensions: ['webp'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'documento de Word (DOCX)', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'hoja de cálculo de Excel (XLSX)', extensions: ['xlsx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'presentación de PowerPoint (PPTX)', extensions: ['pptx'] },
  doc: { mime: 'application/msword', label: 'documento de Word 97-2003 (DOC)', extensions: ['doc'] },
  xls: { mime: 'application/vnd.ms-excel', label: 'hoja de cálculo de Excel 97-2003 (XLS)', extensions: ['xls'] },
  text: { mime: 'text/plain', label: 'texto plano', extensions: ['txt', 'text', 'csv'] },
  csv: { mime: 'text/csv', label: 'texto CSV', extensions: ['csv', 'txt'] },
};

export const ALLOWED_LABELS = 'PDF, PNG, JPEG, TIFF, GIF, WEBP, DOCX, XLSX, PPTX, DOC, XLS, texto plano o CSV';

/** Why a file's content was refused; the message starts with the multipart field that carried it. */
export class ContentRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface DetectedContent {
  kind: AttachmentKind;
  /** The Content-Type to store and serve, with the charset for text. */
  contentType: string;
  /** The client's file name, with the canonical extension added when it had none. */
  filename: string;
}

type Family = 'zip' | 'ole' | 'text' | Exclude<AttachmentKind, 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls' | 'text' | 'csv'>;

const HEAD_BYTES = 16;

const bytes = (...values: number[]) => Buffer.from(values);
const SIGNATURES: Array<{ family: Family; at: number; magic: Buffer }> = [
  { family: 'pdf', at: 0, magic: Buffer.from('%PDF-') },
  { family: 'png', at: 0, magic: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
  { family: 'jpeg', at: 0, magic: bytes(0xff, 0xd8, 0xff) },
  { family: 'tiff', at: 0, magic: bytes(0x49, 0x49, 0x2a, 0x00) },
  { family: 'tiff', at: 0, magic: bytes(0x4d, 0x4d, 0x00, 0x2a) },
  { family: 'gif', at: 0, magic: Buffer.from('GIF87a') },
  { family: 'gif', at: 0, magic: Buffer.from('GIF89a') },
  { family: 'zip', at: 0, magic: bytes(0x50, 0x4b, 0x03, 0x04) },
  { family: 'ole', at: 0, magic: bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1) },
];

/** Formats worth naming when refused, so the message says what the file really is. */
const KNOWN_REFUSED: Array<{ at: number; magic: Buffer; label: string }> = [
  { at: 0, magic: Buffer.from('MZ'), label: 'un ejecutable de Windows' },
  { at: 0, magic: bytes(0x7f, 0x45, 0x4c, 0x46), label: 'un ejecutable ELF' },
  { at: 0, magic: bytes(0xcf, 0xfa, 0xed, 0xfe), label: 'un ejecutable de macOS' },
  { at: 0, magic: bytes(0xfe, 0xed, 0xfa, 0xcf), label: 'un ejecutable de macOS' },
  { at: 0, magic: bytes(0xca, 0xfe, 0xba, 0xbe), label: 'un ejecutable de macOS o una clase de Java' },
  { at: 0, magic: Buffer.from('#!'), label: 'un script ejecutable' },
  { at: 0, magic: Buffer.from('Rar!'), label: 'un archivo RAR' },
  { at: 0, magic: bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c), label: 'un archivo 7z' },
  { at: 0, magic: bytes(0x1f, 0x8b), label: 'un archivo comprimido gzip' },
];

/** ZIP entry names (local headers are plain text) and OLE directory names (UTF-16LE) that tell the office formats apart. */
const ZIP_MARKERS = {
  contentTypes: Buffer.from('[Content_Types].xml'),
  docx: Buffer.from('word/document.xml'),
  xlsx: Buffer.from('xl/workbook.xml'),
  pptx: Buffer.from('ppt/presentation.xml'),
  macros: Buffer.from('vbaProject.bin'),
};
const OLE_MARKERS = {
  doc: Buffer.from('WordDocument', 'utf16le'),
  xls: Buffer.from('Workbook', 'utf16le'),
  macros: Buffer.from('_VBA_PROJECT', 'utf16le'),
};
const LONGEST_MARKER = Math.max(...[...Object.values(ZIP_MARKERS), ...Object.values(OLE_MARKERS)].map((marker) => marker.length));

/** C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape: text never has them. */
function isBinaryByte(byte: number): boolean {
  return byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b) || byte === 0x7f;
}

export function extensionOf(filename: string): string | null {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(filename);
  return match ? match[1].toLowerCase() : null;
}

/**
 * Feed it the file's chunks in order with `push`, then call `finish`. It refuses as early as the bytes
 * allow (an executable after its first bytes), keeping only a few bytes of the file at any time.
 */
export class ContentSniffer {
  /** The first bytes, held only until there are enough to recognise a signature. */
  private pending = Buffer.alloc(0);
  private family: Family | null = null;
  private markers: Record<string, Buffer> = {};
  private readonly found = new Set<string>();
  /** The end of the previous chunk, so a marker split across two chunks is still seen. */
  private carry = Buffer.alloc(0);
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private validUtf8 = true;

  constructor(private readonly field: string) {}

  push(chunk: Buffer): void {
    if (this.family !== null) return this.inspect(chunk);
    this.pending = Buffer.concat([this.pending, chunk]);
    if (this.pending.length >= HEAD_BYTES) this.startWith(this.pending);
  }

  finish(filename: string): DetectedContent {
    if (this.family === null) {
      if (this.pending.length === 0) throw new ContentRefused(`${this.field}: el archivo está vacío`);
      this.startWith(this.pending);
    }
    const extension = extensionOf(filename);
    const kind = this.finalKind(extension);
    const description = ATTACHMENT_KINDS[kind];
    if (extension && !description.extensions.includes(extension)) {
      throw new ContentRefused(`${this.field}: el archivo dice ser .${extension} pero su contenido es ${description.label}`);
    }
    const charset = kind === 'text' || kind === 'csv' ? `; charset=${this.validUtf8 ? 'utf-8' : 'windows-1252'}` : '';
    return {
      kind,
      contentType: `${description.mime}${charset}`,
      filename: extension ? filename : `${filename}.${description.extensions[0]}`,
    };
  }

  private startWith(head: Buffer): void {
    this.family = familyOf(head, (why) => this.refuse(why));
    if (this.family === 'zip') this.markers = ZIP_MARKERS;
    if (this.family === 'ole') this.markers = OLE_MARKERS;
    this.pending = Buffer.alloc(0);
    this.inspect(head);
  }

  private inspect(chunk: Buffer): void {
    if (this.family === 'text') {
      if (chunk.some(isBinaryByte)) throw this.refuse('es un archivo binario de tipo no admitido');
      if (this.validUtf8) {
        try {
          this.utf8.decode(chunk, { stream: true });
        } catch {
          // Not UTF-8: spreadsheets exported on Windows are often Windows-1252, still text.
          this.validUtf8 = false;
        }
      }
      return;
    }
    const entries = Object.entries(this.markers);
    if (entries.length === 0) return;
    const window = Buffer.concat([this.carry, chunk]);
    for (const [name, marker] of entries) {
      if (!this.found.has(name) && window.includes(marker)) this.found.add(name);
    }
    this.carry = window.subarray(Math.max(0, window.length - (LONGEST_MARKER - 1)));
  }

  private finalKind(extension: string | null): AttachmentKind {
    switch (this.family) {
      case 'zip': {
        if (!this.found.has('contentTypes')) throw this.refuse('es un archivo ZIP, no un documento de Office');
        if (this.found.has('macros')) throw this.refuse('es un documento de Office con macros');
        const candidates = (['docx', 'xlsx', 'pptx'] as const).filter((kind) => this.found.has(kind));
        return pick(candidates, extension) ?? this.fail('es un archivo ZIP, no un documento de Office');
      }
      case 'ole': {
        if (this.found.has('macros')) throw this.refuse('es un documento de Office con macros');
        const candidates = (['doc', 'xls'] as const).filter((kind) => this.found.has(kind));
        return pick(candidates, extension) ?? this.fail('es un documento OLE que no es de Word ni de Excel (por ejemplo, un instalador)');
      }
      case 'text':
        return extension === 'csv' ? 'csv' : 'text';
      case null:
        return this.fail('no pudo identificarse');
      default:
        return this.family;
    }
  }

  private fail(why: string): never {
    throw this.refuse(why);
  }

  private refuse(why: string): ContentRefused {
    return new ContentRefused(`${this.field}: el contenido ${why}; se admiten ${ALLOWED_LABELS}`);
  }
}

/** The format family from the first bytes; a refused format throws at once. */
function familyOf(head: Buffer, refuse: (why: string) => ContentRefused): Family {
  const matches = (at: number, magic: Buffer) => head.length >= at + magic.length && head.subarray(at, at + magic.length).equals(magic);
  const signature = SIGNATURES.find((s) => matches(s.at, s.magic));
  if (signature) return signature.family;
  if (matches(0, Buffer.from('RIFF')) && matches(8, Buffer.from('WEBP'))) return 'webp';
  const refused = KNOWN_REFUSED.find((r) => matches(r.at, r.magic));
  if (refused) throw refuse(`es ${refused.label}`);
  return 'text';
}

function pick<K extends AttachmentKind>(candidates: readonly K[], extension: string | null): K | undefined {
  return candidates.find((kind) => extension !== null && ATTACHMENT_KINDS[kind].extensions.includes(extension)) ?? candidates[0];
}
