import { describeAuthorizationMatrix, MatrixException } from '@tequio/testing';
import { agendaService } from '../src/agenda.definition';

// The office-only routes name their roles (@OfficeOnly: auditors are refused by the guard); planning, heads and
// clerks still need a unit of the president's office (agenda settings, none by default); an admin always may.
const officeOnly: MatrixException = { roles: ['planning', 'unit_head', 'clerk'], reason: "only the president's office staff or an admin" };

describeAuthorizationMatrix(agendaService, {
  exceptions: {
    'POST /weekly-agendas/rosters/close-due': officeOnly,
    'POST /cabinet-meetings/{id}/minutes': officeOnly,
    'POST /cabinet-meetings/{id}/minutes/files': officeOnly,
    'POST /cabinet-agreements/overdue/notify': officeOnly,
  },
});
