import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, PersonalData, Roles, TequioClaims } from '@tequio/auth';
import { CancelHearingDto, hearingResponseExample, ListHearingsQueryDto, RegisterHearingDto, UpdateHearingDto } from './hearing.dto';
import { HearingsService } from './hearings.service';

const { requester: _requester, subject: _subject, ...listItemExample } = hearingResponseExample;

@ApiTags('Audiencias')
@Controller('hearings')
export class HearingsController {
  constructor(private readonly hearings: HearingsService) {}

  @Post()
  @Roles('admin', 'clerk', 'unit_head')
  @ApiOperation({ summary: 'Registrar una solicitud de audiencia' })
  @ApiCreatedResponse({ schema: { example: hearingResponseExample } })
  @ApiBadRequestResponse({ description: 'Campo inválido, tema no habilitado o unidad inexistente; el mensaje lo nombra' })
  @ApiForbiddenResponse({ description: 'No actúa por esa unidad' })
  register(@CurrentUser() user: TequioClaims, @Body() dto: RegisterHearingDto) {
    return this.hearings.register(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Listar solicitudes de audiencia (paginado y filtrable; sin datos personales)' })
  @ApiOkResponse({ schema: { example: { items: [listItemExample], total: 1, limit: 50, offset: 0 } } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListHearingsQueryDto) {
    return this.hearings.list(user, query);
  }

  @Get(':id')
  // Planning and auditors read it without who asked for it.
  @PersonalData({ entity: 'hearing', param: 'id', withheldFrom: ['planning', 'auditor'] })
  @ApiOperation({ summary: 'Consultar una audiencia; quien solicita, solo para la unidad que la atiende (lectura registrada en bitácora)' })
  @ApiOkResponse({ schema: { example: hearingResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe en el municipio del usuario' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.hearings.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'clerk', 'unit_head')
  @ApiOperation({ summary: 'Registrar la atención (fecha y resultado) o corregir tema y categoría' })
  @ApiOkResponse({ schema: { example: hearingResponseExample } })
  update(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateHearingDto) {
    return this.hearings.update(user, id, dto);
  }

  @Post(':id/cancellation')
  @Roles('admin', 'clerk', 'unit_head')
  @ApiOperation({ summary: 'Cancelar una audiencia registrada por error (deja de contar)' })
  @ApiCreatedResponse({ schema: { example: { ...hearingResponseExample, cancelled: true, version: 3 } } })
  cancel(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelHearingDto) {
    return this.hearings.cancel(user, id, dto);
  }
}
