import { mirCode, municipalDay, signaturesOf } from './report-document';
import { ReportStep } from '../reports/reports.repository';

const step = (action: string, actor: string, at: string, name: string | null = null, post: string | null = null): ReportStep => ({
  action,
  fromStatus: 'x',
  toStatus: 'y',
  actor,
  actorName: name,
  actorPost: post,
  reason: null,
  at: new Date(at),
});

describe('the Informe Trimestral built from reporting’s model', () => {
  it('codes MIR rows as the printed reports do', () => {
    expect(['Fin', 'Propósito', 'Componente 2', 'Actividad 1.4'].map(mirCode)).toEqual(['F', 'P', 'C2', 'A1.4']);
  });

  it('dates by the municipality’s calendar: 31 March 20:00 in Oaxaca is still March', () => {
    expect(municipalDay(new Date('2025-04-01T02:00:00Z'))).toBe('2025-03-31');
  });

  it('signs with the names and posts the tokens carried, else the user id, and only the steps since the last reopening', () => {
    const history = [
      step('prepare', 'enlace@402', '2025-10-01T17:00:00Z', 'Lic. Ana Ruiz', 'Enlace'),
      step('validate', 'titular@402', '2025-10-02T17:00:00Z'),
      step('approve', 'planeacion', '2025-10-03T17:00:00Z'),
      step('reopen', 'admin', '2025-10-04T17:00:00Z'),
      step('prepare', 'enlace2@402', '2025-10-05T17:00:00Z', 'C. Luis Pérez', 'Auxiliar'),
    ];
    expect(signaturesOf(history)).toEqual([
      { role: 'elaboro', name: 'C. Luis Pérez', post: 'Auxiliar', date: '2025-10-05' },
      { role: 'valido', name: '', post: '', date: null },
      { role: 'vobo', name: '', post: '', date: null },
    ]);
    expect(signaturesOf(history.slice(0, 3)).map((s) => [s.name, s.post, s.date])).toEqual([
      ['Lic. Ana Ruiz', 'Enlace', '2025-10-01'],
      ['titular@402', '', '2025-10-02'],
      ['planeacion', '', '2025-10-03'],
    ]);
  });
});
