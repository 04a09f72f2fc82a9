import { TRANSPARENCY_STAFF_ROLES } from '../settings/settings.service';
import { FILE_OWNERS } from '../common/record-files';
import { recordFilesController } from '../common/record-files.controller';
import { AppealsService } from './appeals.service';

/** The guarantor body's resolution and the compliance papers: the transparency unit only. */
export const AppealFilesController = recordFilesController({
  name: 'AppealFilesController',
  tag: 'Recursos de revisión',
  path: 'appeals/:id/resolution/attachments',
  param: 'id',
  entity: 'review_appeal',
  service: AppealsService,
  scope: (appeals) => (user, id, purpose) => appeals.resolutionFiles(user, id, purpose),
  of: 'de la resolución del recurso (solo la Unidad de Transparencia; se adjuntan una vez registrada la resolución)',
  forbidden: 'Solo el personal de la Unidad de Transparencia',
  roles: TRANSPARENCY_STAFF_ROLES,
  conflict: 'El recurso aún no está resuelto, o está cancelado; la respuesta incluye currentStatus',
  example: { ownerType: FILE_OWNERS.appealResolution, filename: 'resolucion-RR-0045-2024.pdf', uploadedBy: 'ut@oaxaca' },
});
