import { TRANSPARENCY_STAFF_ROLES } from '../settings/settings.service';
import { FILE_OWNERS } from '../common/record-files';
import { recordFilesController } from '../common/record-files.controller';
import { RequestsService } from './requests.service';

/** The answer oficio of a turned unit: its own users or the transparency unit. */
export const TurnFilesController = recordFilesController({
  name: 'TurnFilesController',
  tag: 'Turnos a las áreas',
  path: 'turns/:turnId/attachments',
  param: 'turnId',
  entity: 'oficio_turn',
  service: RequestsService,
  scope: (requests) => (user, turnId, purpose) => requests.turnAnswerFiles(user, turnId, purpose),
  of: 'del oficio de respuesta del área al turno (solo su unidad o la Unidad de Transparencia)',
  forbidden: 'El turno está dirigido a otra unidad',
  conflict: 'El área aún no registra su oficio de respuesta, o la solicitud está cancelada',
  example: { ownerType: FILE_OWNERS.turnAnswer, filename: 'oficio-SOP-0231-2024.pdf', uploadedBy: 'obras@oaxaca' },
});

/** The final answer given to the requester: the transparency unit only. */
export const AnswerFilesController = recordFilesController({
  name: 'AnswerFilesController',
  tag: 'Solicitudes de acceso a la información y ARCO',
  path: 'requests/:id/answer/attachments',
  param: 'id',
  entity: 'transparency_request',
  service: RequestsService,
  scope: (requests) => (user, id, purpose) => requests.answerFiles(user, id, purpose),
  of: 'de la respuesta final (solo la Unidad de Transparencia; se adjuntan una vez registrada la respuesta)',
  forbidden: 'Solo el personal de la Unidad de Transparencia',
  roles: TRANSPARENCY_STAFF_ROLES,
  conflict: 'La solicitud aún no está respondida; la respuesta incluye currentStatus',
  example: { ownerType: FILE_OWNERS.requestAnswer, filename: 'respuesta-201173824000012.pdf', uploadedBy: 'ut@oaxaca' },
});
