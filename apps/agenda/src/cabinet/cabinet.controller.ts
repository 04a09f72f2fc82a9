import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiAttachmentDownload, ApiAttachmentUpload, attachmentExample, sendAttachment } from '@tequio/attachments';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, TequioClaims } from '@tequio/auth';
import {
  AddAgreementDto,
  CancelCabinetMeetingDto,
  cabinetAgreementExample,
  cabinetMeetingExample,
  ListAgreementsQueryDto,
  ListCabinetMeetingsQueryDto,
  RecordMinutesDto,
  ReplaceAttendanceDto,
  ScheduleCabinetMeetingDto,
  UpdateAgreementDto,
} from './cabinet.dto';
import { CabinetService } from './cabinet.service';
import { AgendaWriters } from '../settings/agenda-settings.service';

const programmed = { ...cabinetMeetingExample, status: 'programada', minuteNumber: null, minuteLabel: null, attendance: [], agreements: [], version: 1 };

@ApiTags('Reuniones de gabinete')
@Controller()
export class CabinetController {
  constructor(private readonly cabinet: CabinetService) {}

  @Post('cabinet-meetings')
  @AgendaWriters()
  @ApiOperation({ summary: 'Programar una reunión de gabinete' })
  @ApiCreatedResponse({ schema: { example: programmed } })
  @ApiForbiddenResponse({ description: 'Solo la Oficina de la Presidencia gestiona el gabinete' })
  schedule(@CurrentUser() user: TequioClaims, @Body() dto: ScheduleCabinetMeetingDto) {
    return this.cabinet.schedule(user, dto);
  }

  @Get('cabinet-meetings')
  @ApiOperation({ summary: 'Listar reuniones de gabinete (paginado; por año y estado)' })
  @ApiOkResponse({ schema: { example: { items: [cabinetMeetingExample], total: 1, limit: 50, offset: 0 } } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListCabinetMeetingsQueryDto) {
    return this.cabinet.list(user, query);
  }

  @Get('cabinet-meetings/:id')
  @ApiOperation({ summary: 'Consultar una reunión con su asistencia y acuerdos' })
  @ApiOkResponse({ schema: { example: cabinetMeetingExample } })
  @ApiNotFoundResponse({ description: 'No existe en el municipio' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.cabinet.get(user, id);
  }

  @Post('cabinet-meetings/:id/minutes')
  @AgendaWriters()
  @ApiOperation({ summary: 'Registrar la reunión como celebrada con su minuta (número consecutivo por año)' })
  @ApiCreatedResponse({ schema: { example: { ...cabinetMeetingExample, attendance: [], agreements: [], version: 2 } } })
  @ApiConflictResponse({ description: 'La reunión ya tiene minuta, el número no es el siguiente, fue cancelada o aún no ocurre' })
  @ApiNotFoundResponse({ description: 'No existe la reunión de gabinete' })
  recordMinutes(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RecordMinutesDto) {
    return this.cabinet.recordMinutes(user, id, dto);
  }

  @Post('cabinet-meetings/:id/cancel')
  @AgendaWriters()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancelar una reunión programada, con motivo' })
  @ApiOkResponse({ schema: { example: { ...programmed, status: 'cancelada', version: 2 } } })
  @ApiConflictResponse({ description: 'La reunión no está programada' })
  cancel(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelCabinetMeetingDto) {
    return this.cabinet.cancel(user, id, dto);
  }

  @Put('cabinet-meetings/:id/attendance')
  @AgendaWriters()
  @ApiOperation({ summary: 'Registrar la lista de asistencia: unidades y el cargo de quien las representó' })
  @ApiOkResponse({ schema: { example: cabinetMeetingExample } })
  @ApiBadRequestResponse({ description: 'Unidad repetida o inexistente' })
  replaceAttendance(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReplaceAttendanceDto) {
    return this.cabinet.replaceAttendance(user, id, dto);
  }

  @Post('cabinet-meetings/:id/minutes/files')
  @AgendaWriters()
  @ApiOperation({ summary: 'Adjuntar la minuta firmada (PDF, imagen o documento) a una reunión celebrada' })
  @ApiAttachmentUpload({ multiple: true })
  @ApiCreatedResponse({ schema: { example: { attachments: [{ ...attachmentExample, ownerType: 'agenda.cabinet-meeting.minutes', filename: 'minuta-01-2025.pdf' }], fields: {} } } })
  @ApiNotFoundResponse({ description: 'No existe la reunión de gabinete' })
  attachMinutes(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Req() request: IncomingMessage) {
    return this.cabinet.attachMinutes(user, id, request);
  }

  @Get('cabinet-meetings/:id/minutes/files')
  @ApiOperation({ summary: 'Archivos de la minuta de una reunión' })
  @ApiOkResponse({ schema: { example: [{ ...attachmentExample, ownerType: 'agenda.cabinet-meeting.minutes', filename: 'minuta-01-2025.pdf' }] } })
  @ApiNotFoundResponse({ description: 'No existe la reunión de gabinete' })
  listMinutes(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.cabinet.listMinutes(user, id);
  }

  @Get('cabinet-meetings/:id/minutes/files/:attachmentId')
  @ApiOperation({ summary: 'Descargar un archivo de la minuta' })
  @ApiAttachmentDownload()
  async downloadMinutes(
    @CurrentUser() user: TequioClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res({ passthrough: true }) response: ServerResponse,
  ) {
    return sendAttachment(await this.cabinet.openMinutes(user, id, attachmentId), response);
  }

  @Post('cabinet-meetings/:id/agreements')
  @AgendaWriters()
  @ApiOperation({ summary: 'Registrar un acuerdo de la reunión con unidad responsable y fecha compromiso' })
  @ApiCreatedResponse({ schema: { example: cabinetMeetingExample } })
  @ApiConflictResponse({ description: 'La reunión no se ha celebrado' })
  addAgreement(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddAgreementDto) {
    return this.cabinet.addAgreement(user, id, dto);
  }

  @Get('cabinet-agreements')
  @ApiOperation({ summary: 'Listar acuerdos de gabinete (paginado; por estado, unidad responsable y vencidos)' })
  @ApiOkResponse({ schema: { example: { items: [cabinetAgreementExample], total: 1, limit: 50, offset: 0 } } })
  listAgreements(@CurrentUser() user: TequioClaims, @Query() query: ListAgreementsQueryDto) {
    return this.cabinet.listAgreements(user, query);
  }

  @Patch('cabinet-agreements/:id')
  @ApiOperation({ summary: 'Dar seguimiento a un acuerdo: estado o nueva fecha compromiso (la unidad responsable o la Oficina)' })
  @ApiOkResponse({ schema: { example: cabinetMeetingExample } })
  updateAgreement(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateAgreementDto) {
    return this.cabinet.updateAgreement(user, id, dto);
  }

  @Post('cabinet-agreements/overdue/notify')
  @AgendaWriters()
  @HttpCode(200)
  @ApiOperation({ summary: 'Avisar ya de los acuerdos vencidos a sus unidades responsables (también corre periódicamente)' })
  @ApiOkResponse({ schema: { example: { notified: [{ agreementId: cabinetAgreementExample.id, responsibleUnitCode: '501', dueDate: '2025-04-30' }] } } })
  notifyOverdue(@CurrentUser() user: TequioClaims) {
    return this.cabinet.notifyOverdueFor(user);
  }
}
