import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiNotFoundResponse } from '@nestjs/swagger';
import { CurrentUser, ROLES, Roles, TequioClaims } from '@tequio/auth';
import {
  AppealNotificationDto,
  AppealResolutionDto,
  AppealTurnAnswerDto,
  AppealTurnDto,
  appealViewExample,
  ComplianceDto,
  ListAppealsQueryDto,
  PleadingsDto,
  RegisterAppealDto,
} from './appeal.dto';
import { AppealsService } from './appeals.service';
import { TransparencyStaffOnly } from '../settings/settings.service';

const WRONG_STATUS = 'El estado del recurso no admite la acción; la respuesta incluye currentStatus';

@ApiTags('Recursos de revisión')
@Controller('appeals')
@TransparencyStaffOnly()
export class AppealsController {
  constructor(private readonly appeals: AppealsService) {}

  @Post()
  @ApiOperation({ summary: 'Registrar un recurso de revisión (se vincula a la solicitud si su folio está registrado)' })
  @ApiCreatedResponse({ schema: { example: { ...appealViewExample, status: 'recibido', notifications: [], version: 1 } } })
  @ApiBadRequestResponse({
    description: 'Interpuesto fuera de plazo (15 días hábiles desde la respuesta o desde que venció el plazo) o antes de la recepción',
    schema: {
      example: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'filedOn: el recurso se interpuso fuera de plazo; el último día para interponerlo fue el 2024-05-22 (15 días hábiles desde la respuesta del 2024-04-30)',
      },
    },
  })
  @ApiConflictResponse({ description: 'El expediente ya está registrado' })
  @ApiForbiddenResponse({ description: 'Solo el personal de la Unidad de Transparencia' })
  register(@CurrentUser() user: TequioClaims, @Body() dto: RegisterAppealDto) {
    return this.appeals.register(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Recursos de revisión por estado o fecha de interposición' })
  @ApiOkResponse({ schema: { example: { items: [appealViewExample], total: 1, limit: 50, offset: 0 } } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListAppealsQueryDto) {
    return this.appeals.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Un recurso con sus notificaciones, turnos, alegatos, resolución y cumplimiento' })
  @ApiOkResponse({ schema: { example: appealViewExample } })
  @ApiNotFoundResponse({ description: 'No existe el recurso' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.appeals.get(user, id);
  }

  @Post(':id/notifications')
  @ApiOperation({ summary: 'Notificación del órgano garante con su oficio y vencimiento' })
  @ApiCreatedResponse({ schema: { example: appealViewExample } })
  @ApiBadRequestResponse({ description: 'Fechas inconsistentes' })
  @ApiConflictResponse({ description: WRONG_STATUS })
  notify(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AppealNotificationDto) {
    return this.appeals.notify(user, id, dto);
  }

  @Post(':id/turns')
  @ApiOperation({ summary: 'Turnar el recurso a un área por oficio (número consecutivo)' })
  @ApiCreatedResponse({ schema: { example: appealViewExample } })
  @ApiBadRequestResponse({ description: 'La unidad no existe en el catálogo' })
  turn(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AppealTurnDto) {
    return this.appeals.turn(user, id, dto);
  }

  // The unit the appeal was turned to answers it, whatever its users' roles (like a request's turn).
  @Post(':id/turns/:turnId/answer')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Oficio de respuesta del área al turno del recurso' })
  @ApiCreatedResponse({ schema: { example: appealViewExample } })
  @ApiForbiddenResponse({ description: 'El turno es de otra unidad' })
  answerTurn(
    @CurrentUser() user: TequioClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('turnId', ParseUUIDPipe) turnId: string,
    @Body() dto: AppealTurnAnswerDto,
  ) {
    return this.appeals.answerTurn(user, id, turnId, dto);
  }

  @Post(':id/pleadings')
  @ApiOperation({ summary: 'Alegatos de la unidad ante el órgano garante (el recurso cuenta como atendido)' })
  @ApiCreatedResponse({ schema: { example: { ...appealViewExample, status: 'alegatos_presentados', pleadingsFiledOn: '2024-05-30' } } })
  @ApiConflictResponse({ description: WRONG_STATUS })
  plead(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PleadingsDto) {
    return this.appeals.plead(user, id, dto);
  }

  @Post(':id/resolution')
  @ApiOperation({ summary: 'Resolución: confirma, modifica, revoca, sobresee o desecha' })
  @ApiCreatedResponse({ schema: { example: { ...appealViewExample, status: 'resuelto', resolution: 'modifica', resolvedOn: '2024-07-10', complianceDueOn: '2024-07-24' } } })
  @ApiConflictResponse({ description: WRONG_STATUS })
  resolve(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AppealResolutionDto) {
    return this.appeals.resolve(user, id, dto);
  }

  @Post(':id/compliance')
  @ApiOperation({ summary: 'Cumplimiento de la resolución' })
  @ApiCreatedResponse({ schema: { example: { ...appealViewExample, status: 'cumplido', resolution: 'modifica', compliedOn: '2024-07-20' } } })
  @ApiConflictResponse({ description: WRONG_STATUS })
  comply(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ComplianceDto) {
    return this.appeals.comply(user, id, dto);
  }

  @Post(':id/cancel')
  @ApiOperation({ summary: 'Cancelar un recurso registrado por error' })
  @ApiCreatedResponse({ schema: { example: { ...appealViewExample, status: 'cancelado' } } })
  @ApiConflictResponse({ description: WRONG_STATUS })
  @ApiNotFoundResponse({ description: 'No existe el recurso' })
  cancel(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.appeals.cancel(user, id);
  }
}
