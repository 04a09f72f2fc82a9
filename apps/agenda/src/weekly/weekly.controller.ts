import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAttachmentDownload, ApiAttachmentUpload, attachmentExample, sendAttachment } from '@tequio/attachments';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { complianceExample, ComplianceQueryDto, CorrectWeeklyAgendaDto, ListWeeklyAgendasQueryDto, SubmitWeeklyAgendaDto, weeklyAgendaExample } from './weekly.dto';
import { WeeklyService } from './weekly.service';
import { AgendaWriters } from '../settings/agenda-settings.service';

@ApiTags('Agendas semanales')
@Controller('weekly-agendas')
export class WeeklyController {
  constructor(private readonly weekly: WeeklyService) {}

  @Post()
  @AgendaWriters()
  @ApiOperation({ summary: 'Entregar la agenda semanal de una de sus unidades para una semana ISO (en plazo o tarde)' })
  @ApiCreatedResponse({ schema: { example: weeklyAgendaExample } })
  @ApiBadRequestResponse({ description: 'Campo inválido o unidad inexistente' })
  @ApiForbiddenResponse({ description: 'La unidad no es suya' })
  @ApiConflictResponse({ description: 'La unidad ya entregó la agenda de esa semana (corríjala con PATCH)' })
  submit(@CurrentUser() user: TequioClaims, @Body() dto: SubmitWeeklyAgendaDto) {
    return this.weekly.submit(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Listar agendas semanales (paginado; por semana y unidad)' })
  @ApiOkResponse({ schema: { example: { items: [weeklyAgendaExample], total: 1, limit: 50, offset: 0 } } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListWeeklyAgendasQueryDto) {
    return this.weekly.list(user, query);
  }

  @Get('compliance')
  @Roles('admin', 'planning', 'auditor', 'unit_head', 'clerk')
  @ApiOperation({ summary: 'Cumplimiento por semana, unidad y mes: en plazo, tarde y faltantes, con tasas' })
  @ApiOkResponse({ schema: { example: complianceExample } })
  compliance(@CurrentUser() user: TequioClaims, @Query() query: ComplianceQueryDto) {
    return this.weekly.compliance(user, query);
  }

  @Post('rosters/close-due')
  @AgendaWriters()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cerrar las semanas vencidas: fija quién debía entregar y quién falta (también corre periódicamente)' })
  @ApiOkResponse({ schema: { example: { closed: [{ week: '2025-W27', expected: 30, missingUnitCodes: ['602'] }] } } })
  closeDue(@CurrentUser() user: TequioClaims) {
    return this.weekly.closeDueWeeks(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Consultar una agenda semanal' })
  @ApiOkResponse({ schema: { example: weeklyAgendaExample } })
  @ApiNotFoundResponse({ description: 'No existe o no es de sus unidades' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.weekly.get(user, id);
  }

  @Patch(':id')
  @AgendaWriters()
  @ApiOperation({ summary: 'Corregir el contenido de la agenda semanal de una de sus unidades (la hora de entrega no cambia)' })
  @ApiOkResponse({ schema: { example: { ...weeklyAgendaExample, version: 2 } } })
  correct(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CorrectWeeklyAgendaDto) {
    return this.weekly.correct(user, id, dto);
  }

  @Post(':id/files')
  @AgendaWriters()
  @ApiOperation({ summary: 'Adjuntar archivos a la agenda semanal de una de sus unidades' })
  @ApiAttachmentUpload({ multiple: true })
  @ApiCreatedResponse({ schema: { example: { attachments: [{ ...attachmentExample, ownerType: 'agenda.weekly-submission', filename: 'agenda-semana-27.pdf' }], fields: {}, submission: { ...weeklyAgendaExample, attachmentCount: 1, version: 2 } } } })
  @ApiNotFoundResponse({ description: 'No existe la agenda semanal' })
  attach(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Req() request: IncomingMessage) {
    return this.weekly.attach(user, id, request);
  }

  @Get(':id/files')
  @ApiOperation({ summary: 'Archivos de una agenda semanal' })
  @ApiOkResponse({ schema: { example: [{ ...attachmentExample, ownerType: 'agenda.weekly-submission', filename: 'agenda-semana-27.pdf' }] } })
  @ApiNotFoundResponse({ description: 'No existe la agenda semanal' })
  listFiles(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.weekly.listFiles(user, id);
  }

  @Get(':id/files/:attachmentId')
  @ApiOperation({ summary: 'Descargar un archivo de una agenda semanal' })
  @ApiAttachmentDownload()
  async download(
    @CurrentUser() user: TequioClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res({ passthrough: true }) response: ServerResponse,
  ) {
    return sendAttachment(await this.weekly.openFile(user, id, attachmentId), response);
  }
}
