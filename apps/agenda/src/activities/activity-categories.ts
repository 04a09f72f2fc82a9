import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, ActivityCategory } from '@tequio/contracts';
import { ActivityCategoryRow } from './activity.entity';

export interface ActivityCategoryView {
  code: string;
  label: string;
  reportCategory: ActivityCategory;
  active: boolean;
  isDefault: boolean;
}

/**
 * A municipality's categories: the 16 of the quarterly report by default, renamed, switched off or extended by its
 * own rows. Each one counts as a registry category, so reports stay comparable across municipalities.
 */
export function effectiveCategories(rows: readonly ActivityCategoryRow[]): ActivityCategoryView[] {
  const own = new Map(rows.map((row) => [row.code, row]));
  const defaults = ACTIVITY_CATEGORIES.map((code) => {
    const row = own.get(code);
    return { code, label: row?.label ?? ACTIVITY_CATEGORY_LABELS[code], reportCategory: (row?.reportCategory ?? code) as ActivityCategory, active: row?.active ?? true, isDefault: true };
  });
  const added = rows
    .filter((row) => !(ACTIVITY_CATEGORIES as readonly string[]).includes(row.code))
    .map((row) => ({ code: row.code, label: row.label, reportCategory: row.reportCategory as ActivityCategory, active: row.active, isDefault: false }));
  return [...defaults, ...added];
}
