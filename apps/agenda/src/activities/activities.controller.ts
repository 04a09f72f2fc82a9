import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, TequioClaims } from '@tequio/auth';
import {
  activityCategoriesExample,
  activityHistoryExample,
  activityResponseExample,
  ChangeActivityStatusDto,
  CreateActivityDto,
  ListActivitiesQueryDto,
  UpdateActivityDto,
  UpsertActivityCategoryDto,
} from './activity.dto';
import { ActivitiesService } from './activities.service';
import { AgendaWriters } from '../settings/agenda-settings.service';

const { warnings: _warnings, ...activityExample } = activityResponseExample;

@ApiTags('Agenda del Presidente')
@Controller()
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Post('activities')
  @AgendaWriters()
  @ApiOperation({ summary: 'Agendar una actividad (queda programada); avisa traslapes sin rechazarla' })
  @ApiCreatedResponse({ schema: { example: activityResponseExample } })
  @ApiBadRequestResponse({ description: 'Campo inválido (p. ej. endsAt antes de startsAt), categoría o unidad inexistente' })
  @ApiForbiddenResponse({ description: 'Solo la Oficina de la Presidencia gestiona la agenda' })
  create(@CurrentUser() user: TequioClaims, @Body() dto: CreateActivityDto) {
    return this.activities.create(user, dto);
  }

  @Get('activities')
  @ApiOperation({ summary: 'Listar actividades (paginado; por periodo, estado, categoría, unidad y visibilidad)' })
  @ApiOkResponse({ schema: { example: { items: [activityExample], total: 1, limit: 50, offset: 0 } } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListActivitiesQueryDto) {
    return this.activities.list(user, query);
  }

  @Get('activities/:id')
  @ApiOperation({ summary: 'Consultar una actividad' })
  @ApiOkResponse({ schema: { example: activityExample } })
  @ApiNotFoundResponse({ description: 'No existe, o es privada y no es de sus unidades' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.activities.get(user, id);
  }

  @Patch('activities/:id')
  @AgendaWriters()
  @ApiOperation({ summary: 'Cambiar título, categoría, lugar, unidad organizadora, actores involucrados o visibilidad' })
  @ApiOkResponse({ schema: { example: { ...activityResponseExample, version: 2, warnings: [] } } })
  update(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateActivityDto) {
    return this.activities.update(user, id, dto);
  }

  @Post('activities/:id/status')
  @AgendaWriters()
  @ApiOperation({ summary: 'Cambiar el estado (confirmada, reprogramada con nuevo horario, cancelada, realizada), con motivo; se avisa a los involucrados' })
  @ApiCreatedResponse({ schema: { example: { ...activityResponseExample, status: 'reprogramada', statusLabel: 'Reprogramada', previousStatus: 'programada', version: 2 } } })
  @ApiConflictResponse({ description: 'Transición no permitida (p. ej. de realizada a programada)' })
  changeStatus(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ChangeActivityStatusDto) {
    return this.activities.changeStatus(user, id, dto);
  }

  @Get('activities/:id/history')
  @ApiOperation({ summary: 'Historial de estados de una actividad, con motivos' })
  @ApiOkResponse({ schema: { example: activityHistoryExample } })
  @ApiNotFoundResponse({ description: 'No existe la actividad' })
  history(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.activities.history(user, id);
  }

  @Get('activity-categories')
  @ApiOperation({ summary: 'Categorías de actividad del municipio (las 16 del informe trimestral por omisión)' })
  @ApiOkResponse({ schema: { example: activityCategoriesExample } })
  categories(@CurrentUser() user: TequioClaims) {
    return this.activities.categories(user);
  }

  @Put('activity-categories/:code')
  @AgendaWriters()
  @ApiOperation({ summary: 'Renombrar, desactivar o agregar una categoría del municipio, indicando en qué categoría del registro cuenta' })
  @ApiOkResponse({ schema: { example: activityCategoriesExample } })
  upsertCategory(@CurrentUser() user: TequioClaims, @Param('code') code: string, @Body() dto: UpsertActivityCategoryDto) {
    return this.activities.upsertCategory(user, code, dto);
  }
}
