import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
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
import {
  CreateIndicatorDto,
  CreateIndicatorWithProgramDto,
  indicatorResponseExample,
  ListIndicatorsQueryDto,
  PutTargetsDto,
  UpdateIndicatorDto,
} from './indicator.dto';
import { IndicatorCreationService } from './indicator-creation.service';
import { IndicatorDefinitionsService } from './indicator-definitions.service';
import { IndicatorTargetsService } from './indicator-targets.service';

const BAD_REQUEST = 'Campo inválido (el mensaje lo nombra): nivel sin su componente, métrica o filtro que el registro no admite, unidad inexistente…';
const LOCKED = 'Posición de la MIR ya ocupada, o meta de un trimestre cerrado por un informe aprobado';

@ApiTags('Indicadores MIR')
@Controller('indicators')
export class IndicatorsController {
  constructor(
    private readonly creation: IndicatorCreationService,
    private readonly definitions: IndicatorDefinitionsService,
    private readonly targets: IndicatorTargetsService,
  ) {}

  @Post()
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Definir un indicador de la MIR de un programa (programId en el cuerpo)' })
  @ApiCreatedResponse({ schema: { example: indicatorResponseExample } })
  @ApiBadRequestResponse({ description: BAD_REQUEST })
  @ApiNotFoundResponse({ description: 'programId: no existe el programa' })
  @ApiConflictResponse({ description: LOCKED })
  create(@CurrentUser() user: TequioClaims, @Body() dto: CreateIndicatorWithProgramDto) {
    const { programId, ...input } = dto;
    return this.creation.create(user, programId, input);
  }

  @Get()
  @ApiOperation({ summary: 'Listar indicadores (paginado; filtra por año, programa, unidad, nivel y texto; orden de la MIR por omisión)' })
  @ApiOkResponse({ schema: { example: { items: [indicatorResponseExample], total: 1, limit: 50, offset: 0 } } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListIndicatorsQueryDto) {
    return this.definitions.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Consultar un indicador' })
  @ApiOkResponse({ schema: { example: indicatorResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe en el municipio del usuario' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.definitions.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Cambiar la definición, el nivel o la fórmula de un indicador (las metas, con PUT /indicators/:id/targets)' })
  @ApiOkResponse({ schema: { example: { ...indicatorResponseExample, version: 2 } } })
  @ApiBadRequestResponse({ description: BAD_REQUEST })
  @ApiConflictResponse({ description: 'Posición ocupada, o el componente tiene actividades' })
  update(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateIndicatorDto) {
    return this.definitions.update(user, id, dto);
  }

  @Put(':id/targets')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Fijar las metas trimestrales (valores programados); un trimestre cerrado por un informe aprobado no cambia' })
  @ApiOkResponse({ schema: { example: { ...indicatorResponseExample, targets: { q1: 25, q2: 25, q3: 30, q4: 20 }, version: 2 } } })
  @ApiConflictResponse({
    description: 'targets.q2: el 2º trimestre de 2025 está cerrado: su informe fue aprobado el 2025-07-10; reábralo en reportes para cambiar la meta',
  })
  putTargets(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PutTargetsDto) {
    return this.targets.putTargets(user, id, dto);
  }

  @Delete(':id')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Eliminar un indicador (un componente, sin actividades; sin metas en trimestres cerrados)' })
  @ApiOkResponse({ schema: { example: { ...indicatorResponseExample, version: 2 } } })
  @ApiConflictResponse({ description: 'El componente tiene actividades, o tiene metas en un trimestre cerrado' })
  @ApiNotFoundResponse({ description: 'No existe el indicador' })
  remove(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.definitions.remove(user, id);
  }
}

@ApiTags('Indicadores MIR')
@Controller('programs/:programId/indicators')
export class ProgramIndicatorsController {
  constructor(private readonly creation: IndicatorCreationService) {}

  @Post()
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Definir un indicador de la MIR del programa (el año es el del programa)' })
  @ApiCreatedResponse({ schema: { example: indicatorResponseExample } })
  @ApiBadRequestResponse({ description: BAD_REQUEST })
  @ApiConflictResponse({ description: LOCKED })
  @ApiNotFoundResponse({ description: 'No existe el programa en el municipio del usuario' })
  create(@CurrentUser() user: TequioClaims, @Param('programId', ParseUUIDPipe) programId: string, @Body() dto: CreateIndicatorDto) {
    return this.creation.create(user, programId, dto);
  }
}
