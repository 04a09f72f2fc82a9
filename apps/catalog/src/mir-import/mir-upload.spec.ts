import { BadRequestException } from '@nestjs/common';
import { uploadFormat } from './mir-upload';
import { XLSX_MIME } from './mir-template';

const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]);
const csv = Buffer.from('Nivel,Nombre\n');

describe('uploadFormat', () => {
  it('recognises XLSX by its bytes and CSV by type or extension', () => {
    expect(uploadFormat({ buffer: zip, mimetype: 'application/octet-stream', filename: 'mir.xlsx' })).toBe('xlsx');
    expect(uploadFormat({ buffer: zip, mimetype: XLSX_MIME, filename: null })).toBe('xlsx');
    expect(uploadFormat({ buffer: csv, mimetype: 'text/csv', filename: null })).toBe('csv');
    expect(uploadFormat({ buffer: csv, mimetype: 'application/vnd.ms-excel', filename: 'mir.csv' })).toBe('csv');
    expect(uploadFormat({ buffer: csv, mimetype: 'application/octet-stream', filename: 'MIR.CSV' })).toBe('csv');
  });

  it.each([
    [undefined, /^file: falta el archivo/],
    [{ buffer: Buffer.alloc(0), mimetype: 'text/csv', filename: 'mir.csv' }, /^file: el archivo está vacío$/],
    [{ buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), mimetype: 'application/vnd.ms-excel', filename: 'mir.xls' }, /\.xls \(Excel 97-2003\) no se admite/],
    [{ buffer: csv, mimetype: XLSX_MIME, filename: 'mir.xlsx' }, /^file: no es un libro de Excel \(\.xlsx\) válido$/],
    [{ buffer: csv, mimetype: 'application/pdf', filename: 'mir.pdf' }, /^file: tipo de archivo no admitido \(mir\.pdf, application\/pdf\)/],
  ])('refuses %#', (upload, message) => {
    expect(() => uploadFormat(upload)).toThrow(BadRequestException);
    expect(() => uploadFormat(upload)).toThrow(message);
  });
});
