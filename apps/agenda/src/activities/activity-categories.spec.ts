import { ACTIVITY_CATEGORIES } from '@tequio/contracts';
import { effectiveCategories } from './activity-categories';

describe('effectiveCategories', () => {
  it('offers the 16 categories of the quarterly report by default', () => {
    const categories = effectiveCategories([]);
    expect(categories.map((c) => c.code)).toEqual([...ACTIVITY_CATEGORIES]);
    expect(categories.find((c) => c.code === 'dialogo_vecinal')).toEqual({ code: 'dialogo_vecinal', label: 'Diálogos vecinales', reportCategory: 'dialogo_vecinal', active: true, isDefault: true });
  });

  it('applies a municipality’s renames, switches and own categories', () => {
    const categories = effectiveCategories([
      { tenant: 't', code: 'rueda_prensa', label: 'Conferencias de prensa', reportCategory: 'rueda_prensa', active: false },
      { tenant: 't', code: 'recorrido_colonias', label: 'Recorridos en colonias', reportCategory: 'recorrido', active: true },
    ]);
    expect(categories).toHaveLength(17);
    expect(categories.find((c) => c.code === 'rueda_prensa')).toMatchObject({ label: 'Conferencias de prensa', active: false, isDefault: true });
    expect(categories.at(-1)).toEqual({ code: 'recorrido_colonias', label: 'Recorridos en colonias', reportCategory: 'recorrido', active: true, isDefault: false });
  });
});
