import { renderReportPdf } from './pdf';
import { PdfContents, allLines, readPdf } from './testing/pdf-text';
import { REPORT_304_Q2_2023, REPORT_402_Q3_2025, asDraft } from './testing/report-fixtures';

/** Image XObjects written in the file: PDFKit keeps object dictionaries uncompressed. */
function imageObjects(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;
}

describe('PDF Informe Trimestral', () => {
  let unit402: Buffer;
  let unit402Contents: PdfContents;
  let unit304Contents: PdfContents;

  beforeAll(async () => {
    unit402 = await renderReportPdf(REPORT_402_Q3_2025);
    unit402Contents = readPdf(unit402);
    unit304Contents = readPdf(await renderReportPdf(REPORT_304_Q2_2023));
  });

  it('opens with the header in Spanish', () => {
    const lines = allLines(unit402Contents);
    expect(lines.slice(0, 10)).toEqual([
      'H. Ayuntamiento de Oaxaca de Juárez',
      'INFORME TRIMESTRAL 2025',
      '3er. trimestre 2025 (julio–septiembre)',
      'Unidad responsable: 402 - Secretaría Particular',
      'Programa presupuestario: 08 - Gobierno innovador y tecnológico',
      'Trimestre que se reporta: 3er. trimestre 2025 (julio–septiembre)',
      'Plan: Plan Municipal de Desarrollo 2025–2027',
      'Eje: 2 Gobierno de territorio, honesto y transparente',
      'Objetivo: 2.6 Planeación participativa y democrática para mejorar el desempeño del gobierno municipal',
      'Estado: Aprobado, 15 de octubre de 2025',
    ]);
  });

  it('has a line for every MIR indicator with its figures and semáforo', () => {
    const lines = allLines(unit304Contents);
    // code, level, start of the name … unit, frequency, direction, prog. Q2, prog. cum., achieved Q2,
    // achieved cum., variance, variance %, compliance, annual progress, semáforo
    const expected = [
      /^F Fin Instrumentos de participación.* Porcentaje Anual Ascendente 25 50 25 50 0 0 % 100 % 50 % Verde$/,
      /^P Propósito Participantes en convocatorias.* Porcentaje Anual Ascendente 25 50 30 55 5 20 % 110 % 55 % Verde$/,
      /^C1 Componente Instrumentos normativos de.* Porcentaje Trimestral Ascendente 28 51 21 44 -7 -25 % 86.27 % 44 % Amarillo$/,
      /^A1\.4 Actividad Acciones de promoción del.* Porcentaje Mensual Ascendente 25 50 10 35 -15 -60 % 70 % 35 % Amarillo$/,
      /^A1\.7 Actividad Acciones para el protocolo.* Porcentaje Mensual Ascendente 25 50 33 58 8 32 % 116 % 58 % Amarillo$/,
      /^A1\.8 Actividad Proyectos estratégicos y de.* Porcentaje Mensual Ascendente 35 54 31 50 -4 -11.43 % 92.59 % 50 % Verde$/,
      /^A1\.9 Actividad Mesas de diálogo sin meta.* Mesa Trimestral Ascendente n\/a n\/a 3 5 n\/a n\/a n\/a n\/a Sin dato$/,
    ];
    for (const pattern of expected) expect([pattern, lines.filter((line) => pattern.test(line)).length]).toEqual([pattern, 1]);
    expect(lines.some((line) => line.includes('n/a: Cumplimiento: sin meta programada al trimestre'))).toBe(true);
    expect(lines.join(' ')).toContain(
      'Semáforo: rojo desde 0 y menos de 70; amarillo desde 70 y menos de 90; verde desde 90 hasta 110; amarillo más de 110 hasta 130; rojo más de 130 (cumplimiento en %, valores por omisión).',
    );
  });

  it('draws each breakdown as a chart image with its labels, values and total', () => {
    const images = unit402Contents.pages.reduce((sum, page) => sum + page.images, 0);
    expect(images).toBe(REPORT_402_Q3_2025.breakdowns.length);
    expect(imageObjects(unit402)).toBe(REPORT_402_Q3_2025.breakdowns.length);
    const lines = allLines(unit402Contents);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Actividades agendadas por categoría',
        'Reuniones de trabajo municipales 91 (21 %)',
        'Reuniones con el Gobierno Federal 7 (1.6 %)',
        'Total: 434',
        'Atendida en Diálogo Vecinal: 135 (68.2 %)',
        'Atendida por el Presidente: 24 (12.1 %)',
        'En proceso: 39 (19.7 %)',
        'Total: 198',
        'Designaciones de representación: 294 (29.1 %)',
        'Total: 1,010',
      ]),
    );
    expect(allLines(unit304Contents)).toContain('Total: 11 Las partes no suman el total: ver notas de calidad de datos.');
  });

  it('lists the data-quality notes', () => {
    expect(allLines(unit304Contents)).toEqual(
      expect.arrayContaining([
        '• Indicador F: La variación acumulada capturada (-49) no es alcanzado − programado; el informe muestra la calculada (0).',
        '• Las acciones de diálogo por mes suman 10 y el total capturado es 11.',
      ]),
    );
  });

  it('ends with the signature block: roles, names, posts and the approval date', () => {
    const lastPage = unit402Contents.pages[unit402Contents.pages.length - 1].lines;
    expect(lastPage).toEqual(
      expect.arrayContaining([
        'Fecha de aprobación: 15 de octubre de 2025',
        'Elaboró: Validó: Vo. Bo.:',
        'Lic. Marisol Gutiérrez Ávila Ing. Tomás Núñez Ruiz Mtra. Sofía Ibáñez León',
        'Jefa del Departamento de Atención Vecinal Secretario Particular Directora de Planeación',
      ]),
    );
    expect(allLines(unit402Contents).some((line) => line.includes('BORRADOR'))).toBe(false);
  });

  it('renders an approved report to the same bytes every time, dated by its approval', async () => {
    const again = await renderReportPdf(REPORT_402_Q3_2025, { now: new Date('2031-01-01T00:00:00Z') });
    expect(again.equals(unit402)).toBe(true);
    expect(unit402Contents.info).toMatchObject({ CreationDate: 'D:20251015000000Z', ModDate: 'D:20251015000000Z' });
  });

  it('writes text beyond Latin-1 as it is (indigenous orthographies, the minus sign)', async () => {
    const report = {
      ...REPORT_304_Q2_2023,
      header: { ...REPORT_304_Q2_2023.header, unit: { code: '910', name: 'Casa de la Cultura Ñuu Savi: ǎ ɨ ꞌ' } },
    };
    const lines = allLines(readPdf(await renderReportPdf(report)));
    expect(lines).toContain('Unidad responsable: 910 - Casa de la Cultura Ñuu Savi: ǎ ɨ ꞌ');
    expect(lines.join('\n')).toContain('no es alcanzado − programado');
  });

  it('says so when there are no indicators, and draws no chart for a breakdown without rows', async () => {
    const [activities, documents] = REPORT_402_Q3_2025.breakdowns;
    const report = {
      ...REPORT_402_Q3_2025,
      mir: [],
      breakdowns: [{ ...activities, rows: [], total: 0 }, documents],
      dataQuality: [],
    };
    const contents = readPdf(await renderReportPdf(report));
    const lines = allLines(contents);
    expect(lines).toEqual(expect.arrayContaining(['El programa no tiene indicadores en la MIR.', 'Sin registros en el trimestre.', 'Sin observaciones.']));
    expect(contents.pages.reduce((sum, page) => sum + page.images, 0)).toBe(1);
  });

  it('marks every page of a report not yet approved with a BORRADOR watermark', async () => {
    const draft = readPdf(await renderReportPdf(asDraft(REPORT_402_Q3_2025), { now: new Date('2025-10-01T12:00:00Z') }));
    for (const page of draft.pages) expect(page.lines).toContain('BORRADOR');
    const lines = allLines(draft);
    expect(lines).toContain('Documento en estado elaborado: sin validez hasta su aprobación.');
    expect(lines).toContain('Estado: Elaborado');
    expect(lines.some((line) => line.startsWith('Fecha de aprobación'))).toBe(false);
    expect(draft.info).toMatchObject({ CreationDate: 'D:20251001120000Z' });
  });
});
