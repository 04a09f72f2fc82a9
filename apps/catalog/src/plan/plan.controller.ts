import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
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
  axisResponseExample,
  CreateAxisDto,
  CreateObjectiveDto,
  CreatePlanDto,
  ListAxesQueryDto,
  ListObjectivesQueryDto,
  ListPlansQueryDto,
  objectiveResponseExample,
  planResponseExample,
  UpdateAxisDto,
  UpdateObjectiveDto,
  UpdatePlanDto,
} from './plan.dto';
import { PlanService } from './plan.service';

const { axes: _axes, ...planListExample } = planResponseExample;
const page = (item: object) => ({ schema: { example: { items: [item], total: 1, limit: 50, offset: 0 } } });

@ApiTags('Plan Municipal de Desarrollo')
@Controller('plans')
export class PlansController {
  constructor(private readonly plan: PlanService) {}

  @Post()
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Registrar un Plan Municipal de Desarrollo (periodo de años)' })
  @ApiCreatedResponse({ schema: { example: { ...planResponseExample, axes: [], version: 1 } } })
  @ApiBadRequestResponse({ description: 'Campo inválido; el mensaje lo nombra' })
  @ApiConflictResponse({ description: 'El nombre ya existe o el periodo se traslapa con otro plan' })
  create(@CurrentUser() user: TequioClaims, @Body() dto: CreatePlanDto) {
    return this.plan.createPlan(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Listar planes (paginado, filtrable por año vigente y texto)' })
  @ApiOkResponse(page(planListExample))
  list(@CurrentUser() user: TequioClaims, @Query() query: ListPlansQueryDto) {
    return this.plan.listPlans(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Consultar un plan con sus ejes y objetivos' })
  @ApiOkResponse({ schema: { example: planResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe en el municipio del usuario' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.plan.getPlan(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Cambiar nombre o años de un plan' })
  @ApiOkResponse({ schema: { example: planResponseExample } })
  @ApiConflictResponse({ description: 'Traslape con otro plan, o programas alineados quedarían fuera del periodo' })
  update(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdatePlanDto) {
    return this.plan.updatePlan(user, id, dto);
  }

  @Delete(':id')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Eliminar un plan (con sus ejes y objetivos) que no tenga programas alineados' })
  @ApiOkResponse({ schema: { example: planResponseExample } })
  @ApiConflictResponse({ description: 'Hay programas alineados a sus objetivos' })
  @ApiNotFoundResponse({ description: 'No existe el plan' })
  remove(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.plan.deletePlan(user, id);
  }

  @Post(':planId/axes')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Agregar un eje (Eje N) al plan' })
  @ApiCreatedResponse({ schema: { example: axisResponseExample } })
  @ApiConflictResponse({ description: 'El número de eje ya existe en el plan' })
  createAxis(@CurrentUser() user: TequioClaims, @Param('planId', ParseUUIDPipe) planId: string, @Body() dto: CreateAxisDto) {
    return this.plan.createAxis(user, planId, dto);
  }
}

@ApiTags('Plan Municipal de Desarrollo')
@Controller('plan-axes')
export class PlanAxesController {
  constructor(private readonly plan: PlanService) {}

  @Get()
  @ApiOperation({ summary: 'Listar ejes (paginado, filtrable por plan y texto)' })
  @ApiOkResponse(page(axisResponseExample))
  list(@CurrentUser() user: TequioClaims, @Query() query: ListAxesQueryDto) {
    return this.plan.listAxes(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Consultar un eje' })
  @ApiOkResponse({ schema: { example: axisResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe en el municipio del usuario' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.plan.getAxis(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Cambiar número o nombre de un eje' })
  @ApiOkResponse({ schema: { example: axisResponseExample } })
  @ApiConflictResponse({ description: 'El número ya existe, o el eje tiene objetivos con su número en la clave' })
  update(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateAxisDto) {
    return this.plan.updateAxis(user, id, dto);
  }

  @Delete(':id')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Eliminar un eje (con sus objetivos) sin programas alineados' })
  @ApiOkResponse({ schema: { example: axisResponseExample } })
  @ApiConflictResponse({ description: 'Hay programas alineados a sus objetivos' })
  @ApiNotFoundResponse({ description: 'No existe el eje' })
  remove(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.plan.deleteAxis(user, id);
  }

  @Post(':axisId/objectives')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Agregar un objetivo (Objetivo N.M) al eje' })
  @ApiCreatedResponse({ schema: { example: objectiveResponseExample } })
  @ApiBadRequestResponse({ description: 'La clave no empieza con el número del eje' })
  @ApiConflictResponse({ description: 'La clave ya existe en el plan' })
  createObjective(@CurrentUser() user: TequioClaims, @Param('axisId', ParseUUIDPipe) axisId: string, @Body() dto: CreateObjectiveDto) {
    return this.plan.createObjective(user, axisId, dto);
  }
}

@ApiTags('Plan Municipal de Desarrollo')
@Controller('plan-objectives')
export class PlanObjectivesController {
  constructor(private readonly plan: PlanService) {}

  @Get()
  @ApiOperation({ summary: 'Listar objetivos (paginado, filtrable por plan, eje, año vigente y texto)' })
  @ApiOkResponse(page(objectiveResponseExample))
  list(@CurrentUser() user: TequioClaims, @Query() query: ListObjectivesQueryDto) {
    return this.plan.listObjectives(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Consultar un objetivo' })
  @ApiOkResponse({ schema: { example: objectiveResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe en el municipio del usuario' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.plan.getObjective(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Cambiar clave o nombre de un objetivo' })
  @ApiOkResponse({ schema: { example: objectiveResponseExample } })
  update(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateObjectiveDto) {
    return this.plan.updateObjective(user, id, dto);
  }

  @Delete(':id')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Eliminar un objetivo sin programas alineados' })
  @ApiOkResponse({ schema: { example: objectiveResponseExample } })
  @ApiConflictResponse({ description: 'Hay programas alineados al objetivo' })
  @ApiNotFoundResponse({ description: 'No existe el objetivo' })
  remove(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.plan.deleteObjective(user, id);
  }
}
