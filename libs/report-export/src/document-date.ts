import type { QuarterlyReportDocument } from './model';

export interface RenderOptions {
  /** When a draft is rendered (defaults to now); an approved report is always dated by its approval. */
  now?: Date;
}

/**
 * The date written into a file's metadata: the approval date for an approved report, so that its
 * export is the same bytes every time; the rendering time otherwise.
 */
export function documentDate(document: QuarterlyReportDocument, options: RenderOptions = {}): Date {
  const { status, approvedOn } = document.header;
  if (status === 'aprobado' && approvedOn !== null) return new Date(`${approvedOn.slice(0, 10)}T00:00:00Z`);
  return options.now ?? new Date();
}
