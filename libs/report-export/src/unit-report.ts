import type { QuarterlyReportDocument, ReportHeader, ReportStatus } from './model';

/*
 * A unit's report for a quarter is the reports of each of its programs in one file. Its status is
 * the least advanced of theirs, and it counts as approved, dated by the latest approval, only when
 * every program's report is.
 */

const STATUS_ORDER: ReportStatus[] = ['borrador', 'elaborado', 'validado', 'aprobado'];

export function unitHeader(documents: QuarterlyReportDocument[]): ReportHeader {
  const [first] = documents;
  if (first === undefined) throw new Error('informe de la unidad: se necesita al menos un programa');
  for (const document of documents) {
    const { unit, year, quarter } = document.header;
    if (unit.code !== first.header.unit.code || year !== first.header.year || quarter !== first.header.quarter) {
      throw new Error(
        `informe de la unidad: el programa ${document.header.program.code} es de ${unit.code} ${year} T${quarter}, no de ${first.header.unit.code} ${first.header.year} T${first.header.quarter}`,
      );
    }
  }
  const status = STATUS_ORDER[Math.min(...documents.map((document) => STATUS_ORDER.indexOf(document.header.status)))];
  const approvals = documents.map((document) => document.header.approvedOn);
  const approvedOn = status === 'aprobado' && approvals.every((date) => date !== null) ? [...approvals].sort().reverse()[0] : null;
  return { ...first.header, status, approvedOn };
}

/** The unit-level document the file metadata and the signature block come from. */
export function unitDocument(documents: QuarterlyReportDocument[]): QuarterlyReportDocument {
  return { ...documents[0], header: unitHeader(documents) };
}

/** "Programa 08 - Gobierno innovador y tecnológico · " before a section's title when a file holds several programs. */
export function programPrefix(documents: QuarterlyReportDocument[], document: QuarterlyReportDocument): string {
  return documents.length > 1 ? `Programa ${document.header.program.code} · ` : '';
}

/** "Programa presupuestario" lines of a header, one per program. */
export function programLines(documents: QuarterlyReportDocument[]): [string, string][] {
  return documents.map(({ header }): [string, string] => ['Programa presupuestario', `${header.program.code} - ${header.program.name}`]);
}

/** "Eje" and "Objetivo" lines of a header: each axis and objective of the programs, once. */
export function planLines(documents: QuarterlyReportDocument[]): [string, string][] {
  const once = (values: string[]) => [...new Set(values)];
  const headers = documents.map((document) => document.header);
  return [
    ...once(headers.map(({ plan }) => `${plan.axis.code} ${plan.axis.name}`)).map((axis): [string, string] => ['Eje', axis]),
    ...once(headers.flatMap(({ plan }) => plan.objectives.map((objective) => `${objective.code} ${objective.name}`))).map(
      (objective): [string, string] => ['Objetivo', objective],
    ),
  ];
}
