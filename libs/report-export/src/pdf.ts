import PDFDocument from 'pdfkit';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { streamToBuffer } from './streams';
import { barChartPng, paletteColour, pieChartPng } from './chart-png';
import { RenderOptions, documentDate } from './document-date';
import {
  DIMENSION_LABEL,
  DIRECTION_LABEL,
  FREQUENCY_LABEL,
  LEVEL_LABEL,
  SEMAFORO_HEX,
  SEMAFORO_LABEL,
  SIGNATURE_LABEL,
  STATUS_LABEL,
  formatLongDate,
  formatNumber,
  formatPercent,
  NO_ROWS,
  notApplicableNotes,
  quarterLabel,
  scaleLabel,
} from './labels';
import type { Breakdown, MirRow, Quarter, QuarterlyReportDocument, ReportHeader } from './model';
import { planLines, programLines, programPrefix, unitDocument } from './unit-report';

/*
 * The PDF "Informe Trimestral": landscape Letter in Noto Sans, drawn page by page with PDFKit. Charts are PNG images with their
 * labels and values written as text beside them. An approved report carries its approval date in
 * the metadata and in the file ID, so it renders to the same bytes every time; a report not yet
 * approved shows a "BORRADOR" watermark on every page.
 */

type Doc = PDFKit.PDFDocument;

const MARGIN = 36;
const PAGE = { width: 792, height: 612 };
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const BOTTOM = PAGE.height - MARGIN;
const INK = '#222222';
const MUTED = '#666666';
const RULE = '#BBBBBB';
const HEADER_FILL = '#DDE6EE';
const FONT = 'NotoSans';
const FONT_BOLD = 'NotoSans-Bold';
/** Displayed height of one bar's row, in points. */
const BAR_ROW_PT = 16;
const BAR_WIDTH_PT = 300;
const PIE_PT = 170;

// Noto Sans reduced to the Latin scripts (Spanish, and the Latin orthographies of the indigenous
// languages a municipality in Oaxaca writes names in) and common symbols; see
// tools/fonts/subset-noto-sans.ts. Read once per process, subset again into each PDF by PDFKit.
// `assets/` sits beside `src/` both in the repository and in the production bundle, which mirrors the
// repository's layout (tools/deploy/build-service.ts copies the folder).
const FONT_DIR = join(__dirname, '..', 'assets');
let fonts: { regular: Buffer; bold: Buffer } | undefined;

function notoSans(): { regular: Buffer; bold: Buffer } {
  if (!fonts && !existsSync(join(FONT_DIR, 'NotoSans-Regular.ttf'))) {
    throw new Error(`PDF fonts missing in ${FONT_DIR}: a build must ship libs/report-export/assets beside the compiled src/`);
  }
  fonts ??= {
    regular: readFileSync(join(FONT_DIR, 'NotoSans-Regular.ttf')),
    bold: readFileSync(join(FONT_DIR, 'NotoSans-Bold.ttf')),
  };
  return fonts;
}

/** Title, metric line and total around a breakdown's chart. */
const BREAKDOWN_FRAME_PT = 56;
const PIE_LEGEND_ROW_PT = 14;

function chartHeight(breakdown: Breakdown): number {
  return breakdown.chart === 'pie'
    ? Math.max(PIE_PT, breakdown.rows.length * PIE_LEGEND_ROW_PT)
    : breakdown.rows.length * BAR_ROW_PT;
}

interface MirColumn {
  title: string;
  width: number;
  align: 'left' | 'right' | 'center';
  value: (row: MirRow) => string;
}

function mirColumns(quarter: Quarter): MirColumn[] {
  const number = (pick: (row: MirRow) => number | null) => (row: MirRow) => formatNumber(pick(row));
  const percent = (pick: (row: MirRow) => number | null) => (row: MirRow) => formatPercent(pick(row));
  const ofQuarter = (series: MirRow['programmed']) => series.quarters[quarter - 1];
  return [
    { title: 'Código', width: 32, align: 'left', value: (row) => row.code },
    { title: 'Nivel', width: 48, align: 'left', value: (row) => LEVEL_LABEL[row.level] },
    { title: 'Indicador', width: 150, align: 'left', value: (row) => row.name },
    { title: 'Unidad de medida', width: 44, align: 'left', value: (row) => row.unitOfMeasure },
    { title: 'Frecuencia', width: 40, align: 'left', value: (row) => FREQUENCY_LABEL[row.frequency] },
    { title: 'Sentido', width: 46, align: 'left', value: (row) => DIRECTION_LABEL[row.direction] },
    { title: 'Prog. trim.', width: 40, align: 'right', value: number((row) => ofQuarter(row.programmed)) },
    { title: 'Prog. acum.', width: 40, align: 'right', value: number((row) => row.programmed.cumulative) },
    { title: 'Alc. trim.', width: 40, align: 'right', value: number((row) => ofQuarter(row.achieved)) },
    { title: 'Alc. acum.', width: 40, align: 'right', value: number((row) => row.achieved.cumulative) },
    { title: 'Var. trim.', width: 38, align: 'right', value: number((row) => row.variance.quarter.absolute) },
    { title: 'Var. trim. %', width: 38, align: 'right', value: percent((row) => row.variance.quarter.relative) },
    { title: 'Cumpli- miento', width: 40, align: 'right', value: percent((row) => row.compliance) },
    { title: 'Avance anual', width: 40, align: 'right', value: percent((row) => row.annualProgress) },
    { title: 'Semáforo', width: 42, align: 'center', value: (row) => SEMAFORO_LABEL[row.semaforo.colour] },
  ];
}

class ReportPdf {
  private readonly doc: Doc;

  private readonly header: ReportHeader;

  constructor(private readonly reports: QuarterlyReportDocument[], options: RenderOptions) {
    const unit = unitDocument(reports);
    const header = unit.header;
    this.header = header;
    const date = documentDate(unit, options);
    this.doc = new PDFDocument({
      size: 'LETTER',
      layout: 'landscape',
      margin: MARGIN,
      autoFirstPage: false,
      font: null as unknown as string,
      bufferPages: true,
      lang: 'es-MX',
      displayTitle: true,
      info: {
        Title: `Informe Trimestral ${header.year} T${header.quarter} - ${header.unit.code} ${header.unit.name}`,
        Author: header.municipality,
        Subject: reports.map((report) => `${report.header.program.code} ${report.header.program.name}`).join('; '),
        Creator: 'Tequio',
        Producer: 'Tequio',
        CreationDate: date,
        ModDate: date,
      },
    });
    this.doc.registerFont(FONT, notoSans().regular);
    this.doc.registerFont(FONT_BOLD, notoSans().bold);
    if (header.status !== 'aprobado') this.doc.on('pageAdded', () => this.watermark());
  }

  render(): Doc {
    this.doc.addPage();
    this.titleBlock();
    this.mirTable();
    this.breakdowns();
    this.dataQuality();
    this.signatures();
    this.pageFooters();
    this.doc.end();
    return this.doc;
  }

  private pageFooters(): void {
    const { doc, header } = this;
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      doc.switchToPage(index);
      const footer = `Informe Trimestral ${header.year} T${header.quarter} · ${header.unit.code} ${header.unit.name} · página ${index + 1} de ${range.count}`;
      // Written inside the bottom margin: lift the margin so PDFKit does not start a new page.
      doc.page.margins.bottom = 0;
      doc.font(FONT).fontSize(7).fillColor(MUTED).text(footer, MARGIN, PAGE.height - MARGIN + 12, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
      doc.page.margins.bottom = MARGIN;
    }
  }

  private watermark(): void {
    const { doc } = this;
    const { x, y } = doc;
    doc.save();
    doc.font(FONT_BOLD).fontSize(110).fillColor('#E6E6E6');
    doc.rotate(-30, { origin: [PAGE.width / 2, PAGE.height / 2] });
    doc.text('BORRADOR', 0, PAGE.height / 2 - 60, { width: PAGE.width, align: 'center', lineBreak: false });
    doc.restore();
    doc.x = x;
    doc.y = y;
    doc.fillColor(INK);
  }

  private ensureSpace(height: number): boolean {
    if (this.doc.y + height <= BOTTOM) return false;
    this.doc.addPage();
    this.doc.y = MARGIN;
    return true;
  }

  private sectionTitle(title: string, keepWith = 60): void {
    this.ensureSpace(24 + keepWith);
    this.doc.moveDown(0.6).font(FONT_BOLD).fontSize(12).fillColor(INK).text(title, MARGIN, this.doc.y, { width: CONTENT_WIDTH });
    this.doc.moveDown(0.3);
  }

  private titleBlock(): void {
    const { doc, header } = this;
    doc.font(FONT).fontSize(9).fillColor(MUTED).text(`H. Ayuntamiento de ${header.municipality}`, MARGIN, MARGIN);
    doc.font(FONT_BOLD).fontSize(18).fillColor(INK).text(`INFORME TRIMESTRAL ${header.year}`);
    doc.font(FONT).fontSize(11).text(quarterLabel(header.year, header.quarter));
    doc.moveDown(0.6);
    const approval = header.approvedOn === null ? '' : `, ${formatLongDate(header.approvedOn)}`;
    const fields: [string, string][] = [
      ['Unidad responsable', `${header.unit.code} - ${header.unit.name}`],
      ...programLines(this.reports),
      ['Trimestre que se reporta', quarterLabel(header.year, header.quarter)],
      ['Plan', header.plan.name],
      ...planLines(this.reports),
      ['Estado', `${STATUS_LABEL[header.status]}${approval}`],
    ];
    const labelWidth = 150;
    for (const [label, value] of fields) {
      doc.font(FONT).fontSize(9);
      const height = doc.heightOfString(value, { width: CONTENT_WIDTH - labelWidth });
      this.ensureSpace(height + 3);
      const y = doc.y;
      doc.font(FONT_BOLD).fillColor(INK).text(`${label}:`, MARGIN, y, { width: labelWidth });
      doc.font(FONT).text(value, MARGIN + labelWidth, y, { width: CONTENT_WIDTH - labelWidth });
      doc.y = y + height + 3;
    }
  }

  private tableHeader(columns: MirColumn[]): void {
    const { doc } = this;
    doc.font(FONT_BOLD).fontSize(6.5);
    const height = Math.max(...columns.map((column) => doc.heightOfString(column.title, { width: column.width - 4 }))) + 6;
    const top = doc.y;
    doc.rect(MARGIN, top, CONTENT_WIDTH, height).fill(HEADER_FILL);
    let x = MARGIN;
    for (const column of columns) {
      doc.fillColor(INK).text(column.title, x + 2, top + 3, { width: column.width - 4, align: column.align === 'right' ? 'right' : 'left' });
      x += column.width;
    }
    doc.y = top + height;
  }

  private cellFont(column: MirColumn): Doc {
    return this.doc.font(column.title === 'Indicador' ? FONT_BOLD : FONT).fontSize(7);
  }

  private mirTable(): void {
    const { doc } = this;
    const columns = mirColumns(this.header.quarter);
    this.sectionTitle('Matriz de Indicadores para Resultados (MIR)', 80);
    for (const report of this.reports) {
      if (this.reports.length > 1) {
        this.ensureSpace(90);
        doc.moveDown(0.4).font(FONT_BOLD).fontSize(9).fillColor(INK).text(`Programa ${report.header.program.code} - ${report.header.program.name}`, MARGIN, doc.y);
        doc.moveDown(0.2);
      }
      this.mirRows(columns, report.mir);
    }
    this.semaforoLegend();
  }

  private mirRows(columns: MirColumn[], rows: MirRow[]): void {
    const { doc } = this;
    this.tableHeader(columns);
    if (rows.length === 0) {
      doc.moveDown(0.3).font(FONT).fontSize(8).fillColor(INK).text('El programa no tiene indicadores en la MIR.', MARGIN, doc.y);
    }
    for (const row of rows) {
      const cellHeight =
        Math.max(...columns.map((column) => this.cellFont(column).heightOfString(column.value(row), { width: column.width - 4 }))) + 6;
      const details = `Método de cálculo: ${row.methodOfCalculation}   ·   Medios de verificación: ${row.meansOfVerification}`;
      const notes = notApplicableNotes(row.notApplicable);
      const detailText = notes === '' ? details : `${details}   ·   n/a: ${notes}`;
      doc.fontSize(6.5);
      const detailWidth = CONTENT_WIDTH - columns[0].width - columns[1].width - 4;
      const detailHeight = doc.heightOfString(detailText, { width: detailWidth }) + 4;
      if (this.ensureSpace(cellHeight + detailHeight)) this.tableHeader(columns);
      const top = doc.y;
      let x = MARGIN;
      for (const column of columns) {
        if (column.title === 'Semáforo') doc.rect(x + 1, top + 1, column.width - 2, cellHeight - 2).fill(`#${SEMAFORO_HEX[row.semaforo.colour]}`);
        this.cellFont(column).fillColor(INK).text(column.value(row), x + 2, top + 3, { width: column.width - 4, align: column.align });
        x += column.width;
      }
      const detailX = MARGIN + columns[0].width + columns[1].width + 2;
      doc.font(FONT).fontSize(6.5).fillColor(MUTED).text(detailText, detailX, top + cellHeight, { width: detailWidth });
      doc.moveTo(MARGIN, top + cellHeight + detailHeight).lineTo(MARGIN + CONTENT_WIDTH, top + cellHeight + detailHeight).lineWidth(0.5).stroke(RULE);
      doc.y = top + cellHeight + detailHeight + 1;
    }
  }

  private semaforoLegend(): void {
    this.ensureSpace(14);
    const legend = `Semáforo: ${scaleLabel(this.reports[0].semaforo)}.`;
    this.doc.moveDown(0.3).font(FONT).fontSize(7).fillColor(MUTED).text(legend, MARGIN, this.doc.y, { width: CONTENT_WIDTH });
  }

  private breakdowns(): void {
    const sections = this.reports.flatMap((report) =>
      report.breakdowns.map((breakdown) => ({ breakdown, prefix: programPrefix(this.reports, report) })),
    );
    if (sections.length === 0) return;
    this.sectionTitle('Desgloses', chartHeight(sections[0].breakdown) + BREAKDOWN_FRAME_PT);
    for (const { breakdown, prefix } of sections) this.breakdown(breakdown, prefix);
  }

  private breakdown(breakdown: Breakdown, prefix: string): void {
    const { doc } = this;
    const height = chartHeight(breakdown);
    this.ensureSpace(height + BREAKDOWN_FRAME_PT);
    doc.moveDown(0.4).font(FONT_BOLD).fontSize(10).fillColor(INK).text(`${prefix}${breakdown.title}`, MARGIN, doc.y, { width: CONTENT_WIDTH });
    doc.font(FONT).fontSize(7.5).fillColor(MUTED).text(`${DIMENSION_LABEL[breakdown.dimension]} · métrica ${breakdown.metric}`);
    doc.moveDown(0.3);
    if (breakdown.rows.length === 0) {
      doc.font(FONT).fontSize(8).fillColor(INK).text(NO_ROWS, MARGIN, doc.y);
      return;
    }
    const top = doc.y;
    const values = breakdown.rows.map((row) => row.value);
    const share = (value: number) => (breakdown.total > 0 ? ` (${formatPercent(Math.round((value / breakdown.total) * 1000) / 10)})` : '');
    doc.font(FONT).fontSize(8).fillColor(INK);
    if (breakdown.chart === 'bar') {
      const labelWidth = 200;
      doc.image(barChartPng(values).png, MARGIN + labelWidth + 6, top, { width: BAR_WIDTH_PT, height });
      breakdown.rows.forEach((row, index) => {
        const y = top + index * BAR_ROW_PT + (BAR_ROW_PT - 8) / 2;
        doc.fillColor(INK).text(row.label, MARGIN, y, { width: labelWidth, align: 'right', lineBreak: false, ellipsis: true });
        doc.text(`${formatNumber(row.value)}${share(row.value)}`, MARGIN + labelWidth + BAR_WIDTH_PT + 12, y, { width: 120, lineBreak: false });
      });
    } else {
      doc.image(pieChartPng(values).png, MARGIN, top, { width: PIE_PT, height: PIE_PT });
      breakdown.rows.forEach((row, index) => {
        const y = top + index * PIE_LEGEND_ROW_PT;
        doc.rect(MARGIN + PIE_PT + 20, y, 9, 9).fill(`#${paletteColour(index)}`);
        doc.fillColor(INK).text(`${row.label}: ${formatNumber(row.value)}${share(row.value)}`, MARGIN + PIE_PT + 34, y + 1, { width: 360, lineBreak: false, ellipsis: true });
      });
    }
    doc.y = top + height + 4;
    const sum = breakdown.partsAddUp ? '' : '  Las partes no suman el total: ver notas de calidad de datos.';
    doc.font(FONT_BOLD).fontSize(8).fillColor(INK).text(`Total: ${formatNumber(breakdown.total)}`, MARGIN, doc.y, { continued: sum !== '' });
    if (sum !== '') doc.font(FONT).fillColor('#B03A2E').text(sum);
    doc.fillColor(INK);
  }

  private dataQuality(): void {
    const { doc } = this;
    this.sectionTitle('Notas de calidad de datos', 30);
    const warnings = this.reports.flatMap((report) => report.dataQuality.map((warning) => ({ warning, prefix: programPrefix(this.reports, report) })));
    if (warnings.length === 0) {
      doc.font(FONT).fontSize(8).fillColor(INK).text('Sin observaciones.', MARGIN, doc.y);
      return;
    }
    for (const { warning, prefix } of warnings) {
      const subject = `${prefix}${warning.indicatorCode === undefined ? '' : `Indicador ${warning.indicatorCode}: `}`;
      this.ensureSpace(20);
      doc.font(FONT).fontSize(8).fillColor(INK).text(`• ${subject}${warning.message}`, MARGIN, doc.y, { width: CONTENT_WIDTH });
      doc.moveDown(0.2);
    }
  }

  private signatures(): void {
    const { doc } = this;
    const { header } = this;
    const { signatures } = this.reports[0];
    this.ensureSpace(120);
    doc.moveDown(1.2);
    if (header.status === 'aprobado' && header.approvedOn !== null) {
      doc.font(FONT_BOLD).fontSize(9).fillColor(INK).text(`Fecha de aprobación: ${formatLongDate(header.approvedOn)}`, MARGIN, doc.y);
    } else {
      doc.font(FONT_BOLD).fontSize(9).fillColor('#B03A2E').text(`Documento en estado ${STATUS_LABEL[header.status].toLowerCase()}: sin validez hasta su aprobación.`, MARGIN, doc.y);
    }
    doc.moveDown(2.5);
    const width = CONTENT_WIDTH / Math.max(1, signatures.length);
    const top = doc.y;
    signatures.forEach((signature, index) => {
      const x = MARGIN + index * width;
      doc.font(FONT_BOLD).fontSize(9).fillColor(INK).text(`${SIGNATURE_LABEL[signature.role]}:`, x, top, { width: width - 20, align: 'center' });
      doc.moveTo(x + 20, top + 40).lineTo(x + width - 40, top + 40).lineWidth(0.7).stroke(INK);
      doc.font(FONT_BOLD).fontSize(8.5).text(signature.name, x, top + 45, { width: width - 20, align: 'center' });
      doc.font(FONT).fontSize(8).text(signature.post, { width: width - 20, align: 'center' });
      if (signature.date !== null) doc.fillColor(MUTED).text(formatLongDate(signature.date), { width: width - 20, align: 'center' });
    });
  }
}

/** The Informe Trimestral as a PDF stream (PDFKit emits it as it is produced). */
export function reportPdfStream(document: QuarterlyReportDocument, options: RenderOptions = {}): Readable {
  return unitReportPdfStream([document], options);
}

/** A unit's Informe Trimestral: the reports of its programs, one after the other, signed once. */
export function unitReportPdfStream(documents: QuarterlyReportDocument[], options: RenderOptions = {}): Readable {
  return new ReportPdf(documents, options).render() as unknown as Readable;
}

/** The Informe Trimestral as PDF bytes. */
export async function renderReportPdf(document: QuarterlyReportDocument, options: RenderOptions = {}): Promise<Buffer> {
  return streamToBuffer(reportPdfStream(document, options));
}

export async function renderUnitReportPdf(documents: QuarterlyReportDocument[], options: RenderOptions = {}): Promise<Buffer> {
  return streamToBuffer(unitReportPdfStream(documents, options));
}
