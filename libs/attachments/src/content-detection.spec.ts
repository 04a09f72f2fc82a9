import ExcelJS from 'exceljs';
import { ContentRefused, ContentSniffer, DetectedContent } from './content-detection';

/** Feeds the bytes in pieces of `pieceSize` (1 proves markers split across chunks are still seen). */
function detect(bytes: Buffer, filename: string, pieceSize = 64 * 1024): DetectedContent {
  const sniffer = new ContentSniffer('file');
  for (let at = 0; at < bytes.length; at += pieceSize) sniffer.push(bytes.subarray(at, at + pieceSize));
  return sniffer.finish(filename);
}

function refusal(bytes: Buffer, filename: string, pieceSize?: number): string {
  try {
    detect(bytes, filename, pieceSize);
  } catch (error) {
    if (error instanceof ContentRefused) return error.message;
    throw error;
  }
  throw new Error(`${filename} was accepted`);
}

/** A ZIP's local file headers (stored entries), which is where the sniffer reads entry names. */
function zipOf(entries: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, content] of Object.entries(entries)) {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(Buffer.byteLength(content), 18);
    header.writeUInt32LE(Buffer.byteLength(content), 22);
    header.writeUInt16LE(Buffer.byteLength(name), 26);
    parts.push(header, Buffer.from(name), Buffer.from(content));
  }
  parts.push(Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18));
  return Buffer.concat(parts);
}

/** An OLE compound file: its signature, then a directory sector naming the streams (UTF-16LE). */
function oleOf(...streamNames: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const directory = Buffer.alloc(512);
  ['Root Entry', ...streamNames].forEach((name, index) => Buffer.from(name, 'utf16le').copy(directory, index * 128));
  return Buffer.concat([header, Buffer.alloc(1024, 0xff), directory]);
}

const hex = (value: string) => Buffer.from(value.replace(/\s/g, ''), 'hex');
const CONTENT_TYPES = '<?xml version="1.0"?><Types/>';

const samples: Record<string, { bytes: Buffer; filename: string; contentType: string }> = {
  pdf: { bytes: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'), filename: 'oficio.pdf', contentType: 'application/pdf' },
  png: { bytes: Buffer.concat([hex('89504e470d0a1a0a 0000000d 49484452'), Buffer.alloc(40)]), filename: 'foto.png', contentType: 'image/png' },
  jpeg: { bytes: Buffer.concat([hex('ffd8ffe000104a46494600'), Buffer.alloc(40)]), filename: 'foto.JPG', contentType: 'image/jpeg' },
  tiffLittle: { bytes: Buffer.concat([hex('49492a0008000000'), Buffer.alloc(40)]), filename: 'escaneo.tif', contentType: 'image/tiff' },
  tiffBig: { bytes: Buffer.concat([hex('4d4d002a00000008'), Buffer.alloc(40)]), filename: 'escaneo.tiff', contentType: 'image/tiff' },
  gif: { bytes: Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(40)]), filename: 'mapa.gif', contentType: 'image/gif' },
  webp: { bytes: Buffer.concat([Buffer.from('RIFF'), hex('24000000'), Buffer.from('WEBPVP8 '), Buffer.alloc(40)]), filename: 'foto.webp', contentType: 'image/webp' },
  docx: {
    bytes: zipOf({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>' }),
    filename: 'respuesta.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  pptx: {
    bytes: zipOf({ '[Content_Types].xml': CONTENT_TYPES, 'ppt/presentation.xml': '<p:presentation/>' }),
    filename: 'informe.pptx',
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  doc: { bytes: oleOf('WordDocument', '1Table'), filename: 'respuesta.doc', contentType: 'application/msword' },
  xls: { bytes: oleOf('Workbook', 'SummaryInformation'), filename: 'padron.xls', contentType: 'application/vnd.ms-excel' },
  text: { bytes: Buffer.from('Oficio número 123: señalamiento de audiencia.\r\n'), filename: 'nota.txt', contentType: 'text/plain; charset=utf-8' },
  csv: { bytes: Buffer.from('colonia,solicitudes\nCentro,12\nSan José,7\n'), filename: 'resumen.csv', contentType: 'text/csv; charset=utf-8' },
  csvWindows1252: { bytes: Buffer.from('colonia,solicitudes\nSan Jos\xe9,7\n', 'latin1'), filename: 'resumen.csv', contentType: 'text/csv; charset=windows-1252' },
};

describe('content detection by magic bytes', () => {
  it.each(Object.entries(samples))('recognises %s from its bytes, whole or byte by byte', (_, sample) => {
    expect(detect(sample.bytes, sample.filename).contentType).toBe(sample.contentType);
    expect(detect(sample.bytes, sample.filename, 1).contentType).toBe(sample.contentType);
  });

  it('recognises a real XLSX written by a spreadsheet library', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Audiencias').addRow(['tema', 'total']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(detect(bytes, 'audiencias.xlsx', 1000).kind).toBe('xlsx');
  });

  it('keeps the client name and adds the canonical extension when there is none', () => {
    expect(detect(samples['pdf'].bytes, 'Oficio turnado').filename).toBe('Oficio turnado.pdf');
    expect(detect(samples['jpeg'].bytes, 'foto.jpeg').filename).toBe('foto.jpeg');
  });

  it('refuses a Windows executable named .pdf, naming the field and what it really is', () => {
    const executable = Buffer.concat([Buffer.from('MZ'), hex('90000300000004000000ffff0000'), Buffer.alloc(64)]);
    expect(refusal(executable, 'oficio.pdf')).toMatch(/^file: el contenido es un ejecutable de Windows; se admiten PDF/);
    // Refused from the first bytes, before the rest of the file arrives.
    const sniffer = new ContentSniffer('file');
    expect(() => sniffer.push(executable.subarray(0, 16))).toThrow(ContentRefused);
  });

  it.each([
    ['an ELF executable named .png', Buffer.concat([hex('7f454c46020101'), Buffer.alloc(64)]), 'foto.png', /ejecutable ELF/],
    ['a shell script named .pdf', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'oficio.pdf', /script ejecutable/],
    ['a PNG named .pdf', samples['png'].bytes, 'oficio.pdf', /^file: el archivo dice ser \.pdf pero su contenido es imagen PNG$/],
    ['text named .pdf', Buffer.from('no soy un PDF, solo texto que lo aparenta\n'), 'oficio.pdf', /dice ser \.pdf pero su contenido es texto plano/],
    ['a plain ZIP named .docx', zipOf({ 'programa.exe': 'MZ...', 'leeme.txt': 'hola' }), 'respuesta.docx', /es un archivo ZIP, no un documento de Office/],
    ['a DOCX with macros', zipOf({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': 'x' }), 'respuesta.docx', /con macros/],
    ['a DOCX named .xlsx', samples['docx'].bytes, 'padron.xlsx', /dice ser \.xlsx pero su contenido es documento de Word/],
    ['an installer (OLE without Word or Excel) named .doc', oleOf('SummaryInformation', 'MsiDigitalSignatureEx'), 'respuesta.doc', /no es de Word ni de Excel/],
    ['a binary blob named .txt', Buffer.concat([Buffer.from('texto al inicio, '), hex('00010203'), Buffer.alloc(32)]), 'nota.txt', /binario de tipo no admitido/],
    ['a RAR archive', Buffer.concat([Buffer.from('Rar!'), hex('1a0700'), Buffer.alloc(32)]), 'anexos.pdf', /archivo RAR/],
    ['an empty file', Buffer.alloc(0), 'vacio.pdf', /^file: el archivo está vacío$/],
  ])('refuses %s', (_, bytes, filename, message) => {
    expect(refusal(bytes, filename)).toMatch(message);
    expect(refusal(bytes, filename, 1)).toMatch(message);
  });

  it('refuses text that turns binary far into the file', () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n'.repeat(50_000)), hex('00ff00ff')]);
    expect(refusal(bytes, 'datos.csv', 64 * 1024)).toMatch(/^file: el contenido es un archivo binario/);
  });
});
