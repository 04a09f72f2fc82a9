import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListMetricDefinitionsQueryDto, metricDefinitionResponseExample } from './metric-definition.dto';
import { MetricDefinitionsService } from './metric-definitions.service';

/**
 * Read-only: the metrics are what the services count in their code, the same for every municipality, so the
 * registry is maintained by migrations (see 1763700003100-metric-registry.ts and later ones), never over the API.
 */
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
}
