import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { planningIndicatorExample, PlanningIndicatorsQueryDto } from './planning.dto';
import { PlanningService } from './planning.service';

@ApiTags('Planeación')
@Controller('planning')
export class PlanningController {
  constructor(private readonly planning: PlanningService) {}

  @Get('indicators')
  @Roles('admin', 'planning', 'auditor')
  @ApiOperation({ summary: 'Todos los indicadores de todas las unidades en un trimestre, con el mismo trimestre del año anterior; filtra, ordena y pagina' })
  @ApiOkResponse({ schema: { example: planningIndicatorExample } })
  indicators(@CurrentUser() user: TequioClaims, @Query() query: PlanningIndicatorsQueryDto) {
    return this.planning.indicators(user, query);
  }
}
