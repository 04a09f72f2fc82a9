import { BadRequestException } from '@nestjs/common';
import { MirFileFormat } from './mir-table';
import { XLSX_MIME } from './mir-template';

/** The uploaded file, from a multipart field or from the raw request body. */
export interface MirUpload {
  buffer: Buffer;
  /** Declared type: the multipart part's type, or the request's Content-Type. */
  mimetype: string;
  filename: string | null;
}

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const CSV_MIMES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'];
/** Content types accepted as a raw body. */
export const RAW_MIMES = ['text/csv', XLSX_MIME];

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * CSV or XLSX, from the bytes first (an .xlsx is a zip), then from the declared type or file name
 * (Windows browsers send CSV files as application/vnd.ms-excel). 400 naming the problem otherwise.
 */
export function uploadFormat(upload: MirUpload | undefined): MirFileFormat {
  if (!upload) {
    throw new BadRequestException(
      `file: falta el archivo; envíelo en el campo "file" (multipart/form-data) o como cuerpo con Content-Type text/csv o ${XLSX_MIME}`,
    );
  }
  if (upload.buffer.length === 0) throw new BadRequestException('file: el archivo está vacío');
  const extension = /\.([a-z0-9]+)$/i.exec(upload.filename ?? '')?.[1]?.toLowerCase();
  const mimetype = upload.mimetype.split(';')[0].trim().toLowerCase();
  if (upload.buffer.subarray(0, 4).equals(ZIP)) return 'xlsx';
  if (upload.buffer.subarray(0, 4).equals(OLE) || extension === 'xls') {
    throw new BadRequestException('file: el formato .xls (Excel 97-2003) no se admite; guárdelo como .xlsx o .csv');
  }
  if (extension === 'xlsx' || mimetype === XLSX_MIME) throw new BadRequestException('file: no es un libro de Excel (.xlsx) válido');
  if (extension === 'csv' || extension === 'txt' || CSV_MIMES.includes(mimetype)) return 'csv';
  throw new BadRequestException(
    `file: tipo de archivo no admitido (${[upload.filename, mimetype].filter(Boolean).join(', ')}); envíe un .csv o un .xlsx`,
  );
}
