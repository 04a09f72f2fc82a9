import type { PlanningView, QuarterlyReportDocument } from './model';

/** The document as it is: pretty-printed JSON, the same bytes for the same document. */
export function renderReportJson(document: QuarterlyReportDocument): Buffer {
  return Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8');
}

/** A unit's report: `{ "programs": [ …each program's document… ] }`. */
export function renderUnitReportJson(documents: QuarterlyReportDocument[]): Buffer {
  return Buffer.from(`${JSON.stringify({ programs: documents }, null, 2)}\n`, 'utf8');
}

export function renderPlanningJson(view: PlanningView): Buffer {
  return Buffer.from(`${JSON.stringify(view, null, 2)}\n`, 'utf8');
}
