import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, TequioClaims } from '@tequio/auth';
import { allianceExample, CancelAllianceDto, ListAlliancesQueryDto, RegisterAllianceDto, UpdateAllianceDto } from './alliance.dto';
import { AlliancesService } from './alliances.service';
import { AgendaWriters } from '../settings/agenda-settings.service';

@ApiTags('Alianzas y hermanamientos')
@Controller('alliances')
export class AlliancesController {
  constructor(private readonly alliances: AlliancesService) {}

  @Post()
  @AgendaWriters()
  @ApiOperation({ summary: 'Registrar una alianza o un hermanamiento firmado' })
  @ApiCreatedResponse({ schema: { example: allianceExample } })
  @ApiForbiddenResponse({ description: 'Solo la Oficina de la Presidencia los registra' })
  register(@CurrentUser() user: TequioClaims, @Body() dto: RegisterAllianceDto) {
    return this.alliances.register(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Listar alianzas y hermanamientos (paginado; por tipo y periodo de firma)' })
  @ApiOkResponse({ schema: { example: { items: [allianceExample], total: 1, limit: 50, offset: 0 } } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListAlliancesQueryDto) {
    return this.alliances.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Consultar una alianza o hermanamiento' })
  @ApiOkResponse({ schema: { example: allianceExample } })
  @ApiNotFoundResponse({ description: 'No existe en el municipio' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.alliances.get(user, id);
  }

  @Patch(':id')
  @AgendaWriters()
  @ApiOperation({ summary: 'Corregir tipo, contraparte, fecha o unidad (cuenta con sus datos nuevos)' })
  @ApiOkResponse({ schema: { example: { ...allianceExample, version: 2 } } })
  @ApiConflictResponse({ description: 'Está cancelado' })
  update(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateAllianceDto) {
    return this.alliances.update(user, id, dto);
  }

  @Post(':id/cancel')
  @AgendaWriters()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancelar un registro hecho por error (deja de contar)' })
  @ApiOkResponse({ schema: { example: { ...allianceExample, status: 'cancelada', version: 2 } } })
  cancel(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelAllianceDto) {
    return this.alliances.cancel(user, id, dto);
  }
}
