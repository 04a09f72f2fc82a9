import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { documentStatisticsExample, hearingStatisticsExample, StatisticsQueryDto } from './statistics.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('Estadísticas de correspondencia')
@Controller('statistics')
@Roles('admin', 'planning', 'auditor')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('documents')
  @ApiOperation({ summary: 'Documentos del periodo: recibidos, turnados, respondidos, designaciones, tasa de respuesta, vencidos; por mes, tipo, canal, estado y unidades receptoras' })
  @ApiOkResponse({ schema: { example: documentStatisticsExample } })
  @ApiBadRequestResponse({ description: 'Periodo inválido' })
  documents(@CurrentUser() user: TequioClaims, @Query() query: StatisticsQueryDto) {
    return this.statistics.documents(user, query);
  }

  @Get('hearings')
  @ApiOperation({ summary: 'Audiencias del periodo por resultado, tema y categoría de quien solicita' })
  @ApiOkResponse({ schema: { example: hearingStatisticsExample } })
  hearings(@CurrentUser() user: TequioClaims, @Query() query: StatisticsQueryDto) {
    return this.statistics.hearings(user, query);
  }
}
