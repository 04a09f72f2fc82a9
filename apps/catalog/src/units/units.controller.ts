import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import {
  CreateUnitDto,
  DeactivateUnitDto,
  ListUnitsQueryDto,
  unitHistoryResponseExample,
  unitResponseExample,
  UnitTreeQueryDto,
  unitTreeResponseExample,
  UpdateUnitDto,
} from './unit.dto';
import { UnitsService } from './units.service';

@ApiTags('Unidades')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Registrar una unidad (UR, área o dependencia)' })
  @ApiCreatedResponse({ schema: { example: unitResponseExample } })
  @ApiBadRequestResponse({ description: 'Campo inválido; el mensaje lo nombra' })
  @ApiConflictResponse({ description: 'La clave ya existe' })
  create(@CurrentUser() user: TequioClaims, @Body() dto: CreateUnitDto) {
    return this.units.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Listar unidades (paginado, filtrable)' })
  @ApiOkResponse({ schema: { example: { items: [unitResponseExample], total: 1, limit: 50, offset: 0 } } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListUnitsQueryDto) {
    return this.units.list(user, query);
  }

  // Before ':id', so "tree" is not taken for an id.
  @Get('tree')
  @ApiOperation({ summary: 'Árbol de unidades del municipio (hoy, o el de una fecha con activeOn)' })
  @ApiOkResponse({ schema: { example: unitTreeResponseExample } })
  tree(@CurrentUser() user: TequioClaims, @Query() query: UnitTreeQueryDto) {
    return this.units.tree(user, query);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Historial de unidades superiores de una unidad (la más antigua primero)' })
  @ApiOkResponse({ schema: { example: unitHistoryResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe en el municipio del usuario' })
  history(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.units.history(user, id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Consultar una unidad' })
  @ApiOkResponse({ schema: { example: unitResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe en el municipio del usuario' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.units.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Modificar o mover una unidad' })
  @ApiOkResponse({ schema: { example: { ...unitResponseExample, version: 2 } } })
  @ApiConflictResponse({ description: 'El movimiento formaría un ciclo' })
  update(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUnitDto) {
    return this.units.update(user, id, dto);
  }

  @Delete(':id')
  @Roles('admin', 'planning')
  @HttpCode(204)
  @ApiOperation({ summary: 'Eliminar una unidad registrada por error (sin unidades dependientes ni registros)' })
  @ApiNoContentResponse({ description: 'Eliminada' })
  @ApiNotFoundResponse({ description: 'No existe en el municipio del usuario' })
  @ApiConflictResponse({ description: 'Tiene unidades dependientes o registros: solo puede darse de baja' })
  delete(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.units.delete(user, id);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Dar de baja una unidad (se conserva con sus registros)' })
  @ApiOkResponse({ schema: { example: { ...unitResponseExample, activeTo: '2025-12-31', version: 3 } } })
  @ApiNotFoundResponse({ description: 'No existe la unidad' })
  deactivate(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeactivateUnitDto) {
    return this.units.deactivate(user, id, dto);
  }
}
