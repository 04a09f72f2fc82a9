import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { statisticsExample, StatisticsQueryDto } from './statistics.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('Estadísticas')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @Roles('admin', 'planning', 'auditor', 'unit_head', 'clerk')
  @ApiOperation({
    summary: 'Cifras de un periodo: actividades por categoría y estado, reuniones de gabinete celebradas y programadas, asistencia por unidad, acuerdos, agendas semanales por mes y faltantes, alianzas',
  })
  @ApiOkResponse({ schema: { example: statisticsExample } })
  @ApiForbiddenResponse({ description: 'Solo planeación, auditoría, administración y la Oficina de la Presidencia' })
  get(@CurrentUser() user: TequioClaims, @Query() query: StatisticsQueryDto) {
    return this.statistics.forPeriod(user, query);
  }
}
