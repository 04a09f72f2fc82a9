import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
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
import { CreateMetricDefinitionDto, ListMetricDefinitionsQueryDto, metricDefinitionResponseExample } from './metric-definition.dto';
import { MetricDefinitionsService } from './metric-definitions.service';

@ApiTags('Registro de métricas')
@Controller('metric-definitions')
export class MetricDefinitionsController {
  constructor(private readonly metrics: MetricDefinitionsService) {}

  @Get()
  @ApiOperation({ summary: 'Métricas que cuentan los servicios, con las dimensiones por las que una fórmula puede filtrarlas' })
  @ApiOkResponse({ schema: { example: { items: [metricDefinitionResponseExample], total: 1, limit: 50, offset: 0 } } })
  list(@Query() query: ListMetricDefinitionsQueryDto) {
    return this.metrics.list(query);
  }

  @Get(':name')
  @ApiOperation({ summary: 'Consultar una métrica' })
  @ApiOkResponse({ schema: { example: metricDefinitionResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe la métrica' })
  get(@Param('name') name: string) {
    return this.metrics.get(name);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Registrar una métrica nueva (solo administración)' })
  @ApiCreatedResponse({ schema: { example: { ...metricDefinitionResponseExample, builtIn: false, createdBy: 'admin@oaxaca' } } })
  @ApiBadRequestResponse({ description: 'Campo inválido; el mensaje lo nombra' })
  @ApiConflictResponse({ description: 'La métrica ya existe' })
  create(@CurrentUser() user: TequioClaims, @Body() dto: CreateMetricDefinitionDto) {
    return this.metrics.create(user, dto);
  }
}
