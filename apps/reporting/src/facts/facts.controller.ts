import { calendarDate } from '@tequio/platform';
import { BadRequestException, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { findMetric } from '@tequio/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { FactReplay } from './fact-replay';
import { FactFilter, FactsRepository } from './facts.repository';

class FactTotalsQuery extends createZodDto(
  z
    .object({
      metric: z.string().min(1).max(100).meta({ example: 'correspondence.documents.answered' }),
      from: calendarDate().meta({ example: '2025-07-01' }),
      to: calendarDate().meta({ example: '2025-09-30' }),
      unit: z.string().min(1).max(20).optional().meta({ example: '402' }),
      by: z.string().min(1).max(50).optional().meta({ description: 'Desglose: "month" o una dimensión de la métrica', example: 'month' }),
    })
    .strict(),
) {}

const example = { metric: 'correspondence.documents.answered', from: '2025-07-01', to: '2025-09-30', total: 100, breakdown: [{ key: '2025-07', total: 30 }] };

/** What the facts hold: the live count of a metric over days of the municipality's calendar. */
@ApiTags('Hechos')
@Controller('facts')
export class FactsController {
  constructor(
    private readonly facts: FactsRepository,
    private readonly replay: FactReplay,
  ) {}

  @Post('replay')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Reconstruir los hechos desde el principio de los temas de los productores, en tablas nuevas que luego sustituyen a las vivas' })
  @ApiOkResponse({ schema: { example: { events: 6000000, records: 2000000, facts: 5200000, seconds: 412.5 } } })
  rebuild() {
    return this.replay.run();
  }

  @Get('totals')
  @ApiOperation({ summary: 'Total de una métrica en un periodo (y su desglose por mes o por dimensión)' })
  @ApiOkResponse({ schema: { example } })
  async totals(@CurrentUser() user: TequioClaims, @Query() query: FactTotalsQuery) {
    const metric = findMetric(query.metric);
    if (!metric) throw new BadRequestException(`metric: no existe la métrica "${query.metric}" en el registro`);
    if (query.by && query.by !== 'month' && !metric.dimensions.some((d) => d.name === query.by)) {
      throw new BadRequestException(`by: la métrica ${metric.name} no tiene la dimensión "${query.by}"`);
    }
    const filter: FactFilter = { tenant: user.tenant, metric: metric.name, from: query.from, to: query.to, filters: query.unit ? { unit: query.unit } : {} };
    const total = await this.facts.total(filter);
    const breakdown = query.by ? await this.facts.breakdown(filter, query.by) : undefined;
    return { metric: metric.name, from: query.from, to: query.to, total, ...(breakdown ? { breakdown } : {}) };
  }
}
