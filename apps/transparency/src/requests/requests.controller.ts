import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, PersonalData, TequioClaims } from '@tequio/auth';
import {
  AnswerRequestDto,
  AnswerTurnDto,
  CancelDto,
  ClarificationDto,
  ClarificationReplyDto,
  deadlinesExample,
  ExtensionDto,
  IdentityVerificationDto,
  ListRequestsQueryDto,
  ListTurnsQueryDto,
  RegisterRequestDto,
  requestViewExample,
  TurnRequestDto,
  turnViewExample,
} from './request.dto';
import { RequestsService } from './requests.service';
import { TransparencyStaffOnly } from '../settings/settings.service';

const page = <T>(item: T) => ({ items: [item], total: 1, limit: 50, offset: 0 });
const NOT_STAFF = 'Solo el personal de la Unidad de Transparencia';
const WRONG_STATUS = 'El estado actual no lo permite; la respuesta incluye currentStatus';

@ApiTags('Solicitudes de acceso a la información y ARCO')
@Controller('requests')
@TransparencyStaffOnly()
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Post()
  @ApiOperation({ summary: 'Registrar una solicitud (folio de la Plataforma Nacional); calcula sus plazos en días hábiles' })
  @ApiCreatedResponse({ schema: { example: { ...requestViewExample, status: 'recibida', statusLabel: 'Recibida', turns: [], version: 1 } } })
  @ApiBadRequestResponse({ description: 'Un campo es inválido (p. ej. folio mal formado); el mensaje lo nombra' })
  @ApiConflictResponse({ description: 'El folio ya está registrado en el municipio' })
  @ApiForbiddenResponse({ description: NOT_STAFF })
  register(@CurrentUser() user: TequioClaims, @Body() dto: RegisterRequestDto) {
    return this.requests.register(user, dto);
  }

  @Get()
  // Each item carries what the citizen asked (informationRequested).
  @PersonalData({ entity: 'transparency_request' })
  @ApiOperation({ summary: 'Solicitudes del municipio, por estado, tipo, vencidas o periodo de recepción' })
  @ApiOkResponse({ schema: { example: page(requestViewExample) } })
  @ApiForbiddenResponse({ description: NOT_STAFF })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListRequestsQueryDto) {
    return this.requests.list(user, query);
  }

  @Get(':id')
  @PersonalData({ entity: 'transparency_request', param: 'id' })
  @ApiOperation({ summary: 'Una solicitud con sus turnos y lo que pidió quien solicita (sin su nombre ni contacto; lectura registrada en bitácora)' })
  @ApiOkResponse({ schema: { example: requestViewExample } })
  @ApiNotFoundResponse({ description: 'No existe la solicitud' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.get(user, id);
  }

  @Get(':id/deadlines')
  @ApiOperation({ summary: 'Plazos de la solicitud explicados: recepción computada, vencimientos y cada día omitido con su motivo' })
  @ApiOkResponse({ schema: { example: deadlinesExample } })
  @ApiNotFoundResponse({ description: 'No existe la solicitud' })
  deadlines(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.deadlines(user, id);
  }

  @Get(':id/requester')
  @PersonalData({ entity: 'transparency_request', param: 'id' })
  @ApiOperation({ summary: 'Datos personales de quien solicita (solo la Unidad de Transparencia; cada lectura queda en la bitácora)' })
  @ApiOkResponse({
    schema: { example: { id: requestViewExample.id, folio: requestViewExample.folio, requesterName: 'María López', requesterContact: 'maria@example.org', requesterCategory: 'mujer' } },
  })
  @ApiForbiddenResponse({ description: NOT_STAFF })
  @ApiNotFoundResponse({ description: 'No existe la solicitud' })
  requester(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.requester(user, id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Historial de estados de la solicitud' })
  @ApiOkResponse({ schema: { example: [{ from: null, to: 'recibida', toLabel: 'Recibida', actor: 'ut@oaxaca', note: null, at: '2024-04-08T16:00:00.000Z' }] } })
  @ApiNotFoundResponse({ description: 'No existe la solicitud' })
  history(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.history(user, id);
  }

  @Post(':id/turns')
  @ApiOperation({ summary: 'Turnar a un área por oficio (número consecutivo del año)' })
  @ApiCreatedResponse({ schema: { example: requestViewExample } })
  @ApiBadRequestResponse({ description: 'La unidad no existe en el catálogo o la fecha es inválida' })
  @ApiConflictResponse({ description: WRONG_STATUS })
  turn(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TurnRequestDto) {
    return this.requests.turn(user, id, dto);
  }

  @Post(':id/extension')
  @ApiOperation({ summary: 'Prórroga (una sola, antes de que venza el primer plazo)' })
  @ApiCreatedResponse({ schema: { example: { ...requestViewExample, answerDue: '2024-05-21', extended: true, extension: { requestedOn: '2024-05-07', days: 10, reason: 'Volumen de la información' } } } })
  @ApiBadRequestResponse({ description: 'El primer plazo ya venció o los días exceden el máximo' })
  @ApiConflictResponse({ description: 'Ya hubo una prórroga, o el estado no lo permite' })
  extend(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ExtensionDto) {
    return this.requests.extend(user, id, dto);
  }

  @Post(':id/clarification')
  @ApiOperation({ summary: 'Prevención a quien solicita: el plazo se suspende hasta su respuesta' })
  @ApiCreatedResponse({ schema: { example: { ...requestViewExample, status: 'en_prevencion', answerDue: null, clarificationRequestedOn: '2024-04-10' } } })
  @ApiBadRequestResponse({ description: 'Fuera del plazo para prevenir' })
  @ApiConflictResponse({ description: WRONG_STATUS })
  @ApiNotFoundResponse({ description: 'No existe la solicitud' })
  clarify(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ClarificationDto) {
    return this.requests.clarify(user, id, dto);
  }

  @Post(':id/clarification/reply')
  @ApiOperation({ summary: 'Respuesta a la prevención: el plazo se reanuda al día siguiente' })
  @ApiCreatedResponse({ schema: { example: { ...requestViewExample, answerDue: '2024-05-14', clarificationRequestedOn: '2024-04-10', clarificationRepliedOn: '2024-04-17' } } })
  @ApiBadRequestResponse({ description: 'Fuera del plazo para responder la prevención' })
  @ApiConflictResponse({ description: WRONG_STATUS })
  @ApiNotFoundResponse({ description: 'No existe la solicitud' })
  reply(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ClarificationReplyDto) {
    return this.requests.replyClarification(user, id, dto);
  }

  @Post(':id/identity-verification')
  @ApiOperation({ summary: 'Acreditación de la identidad de quien ejerce un derecho ARCO' })
  @ApiCreatedResponse({ schema: { example: { ...requestViewExample, kind: 'arco', arcoRight: 'acceso', identityVerifiedOn: '2024-04-12' } } })
  @ApiBadRequestResponse({ description: 'La solicitud no es ARCO' })
  @ApiConflictResponse({ description: 'Ya se acreditó' })
  @ApiNotFoundResponse({ description: 'No existe la solicitud' })
  verifyIdentity(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: IdentityVerificationDto) {
    return this.requests.verifyIdentity(user, id, dto);
  }

  @Post(':id/answer')
  @ApiOperation({ summary: 'Respuesta final con su tipo; si llega después del vencimiento queda marcada como extemporánea' })
  @ApiCreatedResponse({ schema: { example: { ...requestViewExample, status: 'respondida', answerType: 'entrega_informacion', answeredOn: '2024-05-06' } } })
  @ApiConflictResponse({ description: 'Sin turnos aún, ARCO sin identidad acreditada, o el estado no lo permite' })
  answer(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AnswerRequestDto) {
    return this.requests.answer(user, id, dto);
  }

  @Post(':id/cancel')
  @ApiOperation({ summary: 'Cancelar una solicitud registrada por error (deja de contar en las estadísticas)' })
  @ApiCreatedResponse({ schema: { example: { ...requestViewExample, status: 'cancelada' } } })
  @ApiConflictResponse({ description: WRONG_STATUS })
  cancel(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelDto) {
    return this.requests.cancel(user, id, dto);
  }
}

@ApiTags('Turnos a las áreas')
@Controller('turns')
export class TurnsController {
  constructor(private readonly requests: RequestsService) {}

  @Get()
  @PersonalData({ entity: 'oficio_turn' })
  @ApiOperation({ summary: 'Turnos: el personal de un área ve solo los dirigidos a sus unidades' })
  @ApiOkResponse({ schema: { example: page(turnViewExample) } })
  @ApiForbiddenResponse({ description: 'Pidió los turnos de una unidad que no es suya' })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListTurnsQueryDto) {
    return this.requests.listTurns(user, query);
  }

  @Get(':turnId')
  @PersonalData({ entity: 'oficio_turn', param: 'turnId' })
  @ApiOperation({ summary: 'Un turno (solo la unidad a la que se dirigió o la Unidad de Transparencia)' })
  @ApiOkResponse({ schema: { example: turnViewExample } })
  @ApiForbiddenResponse({ description: 'El turno es de otra unidad' })
  @ApiNotFoundResponse({ description: 'No existe el turno' })
  get(@CurrentUser() user: TequioClaims, @Param('turnId', ParseUUIDPipe) turnId: string) {
    return this.requests.getTurn(user, turnId);
  }

  @Post(':turnId/answer')
  @ApiOperation({ summary: 'Oficio de respuesta del área a un turno' })
  @ApiCreatedResponse({ schema: { example: requestViewExample } })
  @ApiForbiddenResponse({ description: 'El turno es de otra unidad' })
  @ApiConflictResponse({ description: 'El área ya respondió ese turno' })
  answer(@CurrentUser() user: TequioClaims, @Param('turnId', ParseUUIDPipe) turnId: string, @Body() dto: AnswerTurnDto) {
    return this.requests.answerTurn(user, turnId, dto);
  }
}
