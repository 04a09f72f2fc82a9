import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { CreateUnitDto, DeactivateUnitDto, ListUnitsQueryDto, unitResponseExample, UpdateUnitDto } from './unit.dto';
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

  @Post(':id/deactivate')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Dar de baja una unidad (se conserva con sus registros)' })
  @ApiOkResponse({ schema: { example: { ...unitResponseExample, activeTo: '2025-12-31', version: 3 } } })
  deactivate(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeactivateUnitDto) {
    return this.units.deactivate(user, id, dto);
  }
}
