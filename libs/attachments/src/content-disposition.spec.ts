import { contentDisposition, safeFilename } from './content-disposition';

describe('Content-Disposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition('Respuesta señalamiento (1).pdf')).toBe(
      `attachment; filename="Respuesta senalamiento (1).pdf"; filename*=UTF-8''Respuesta%20se%C3%B1alamiento%20%281%29.pdf`,
    );
  });

  it('cannot be broken out of by quotes, semicolons or new lines', () => {
    const header = contentDisposition('a";\r\nSet-Cookie: x=1;.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(`attachment; filename="a_;Set-Cookie: x=1;.pdf"; filename*=UTF-8''a%22%3BSet-Cookie%3A%20x%3D1%3B.pdf`);
  });

  it('keeps only the last path segment and never an empty name', () => {
    expect(safeFilename('C:\\Users\\oficialia\\escaneo.tif')).toBe('escaneo.tif');
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('..')).toBe('archivo');
    expect(safeFilename('')).toBe('archivo');
  });
});
