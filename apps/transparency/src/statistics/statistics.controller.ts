import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, TequioClaims } from '@tequio/auth';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isoDate } from '../requests/request.dto';
import { StatisticsService } from './statistics.service';

class PeriodQueryDto extends createZodDto(
  z.object({ from: isoDate.meta({ example: '2024-04-01' }), to: isoDate.meta({ example: '2024-06-30' }) }).strict(),
) {}

const statisticsExample = {
  period: { from: '2024-04-01', to: '2024-06-30' },
  requests: {
    received: 71,
    answered: 71,
    onTime: 71,
    late: 0,
    overdue: 0,
    byMonth: [{ month: '2024-04', received: 26, answered: 26, onTime: 26, late: 0 }],
    byRequesterCategory: { hombre: 20, mujer: 29, no_identificado: 22, grupo: 0 },
    byMonthAndRequesterCategory: [{ month: '2024-04', hombre: 10, mujer: 6, no_identificado: 10, grupo: 0 }],
    answeredByRequesterCategory: { hombre: 20, mujer: 29, no_identificado: 22, grupo: 0 },
    byChannel: { plataforma_nacional: 71 },
    byKind: { informacion: 71 },
    byAnswerType: { entrega_informacion: 71 },
    byUnit: [{ unitCode: '501', count: 12 }],
  },
  oficios: { turned: 145, answered: 134, byMonth: [{ month: '2024-04', procedure: 'solicitud', turned: 49, answered: 41 }] },
  appeals: {
    received: 5,
    answered: 5,
    byMonth: [{ month: '2024-04', received: 3 }],
    byResolution: {},
    byRequesterCategory: { hombre: 2, mujer: 2, no_identificado: 2, grupo: 0 },
    byMonthAndRequesterCategory: [{ month: '2024-04', hombre: 1, mujer: 0, no_identificado: 2, grupo: 0 }],
    notificationsByMonth: [{ month: '2024-04', count: 3 }],
  },
  complaints: { received: 1, byMonth: { '2024-06': 1 }, byRequesterCategory: { hombre: 0, mujer: 0, no_identificado: 1, grupo: 0 }, byStatus: { en_requerimiento: 1 } },
  trainings: { sessions: 6, attendees: { hombre: 103, mujer: 161 }, byMonth: [{ month: '2024-04', sessions: 4, hombre: 58, mujer: 101 }] },
  advisories: { given: 15, byTopic: { datos_personales: { hombre: 0, mujer: 3 }, enlaces: { hombre: 5, mujer: 7 } }, byMonth: { '2024-04': 7 } },
  monitorings: { byPlatform: { sisai: 192, correo: 192, inai_ogaipo: 207, portal_gobierno_abierto: 211 }, byMonth: [{ month: '2024-04', sisai: 66 }] },
};

const consistencyExample = {
  period: { from: '2024-04-01', to: '2024-06-30' },
  consistent: false,
  checks: [{ name: 'requests.received.byMonth', label: 'Solicitudes recibidas: suma por mes', total: 71, breakdownTotal: 71, consistent: true, difference: 0 }],
  inconsistencies: [
    {
      name: 'appeals.received.byRequesterCategory',
      label: 'Recursos de revisión: suma por categoría de quien recurre',
      total: 5,
      breakdownTotal: 6,
      consistent: false,
      difference: 1,
    },
  ],
};

@ApiTags('Estadísticas de transparencia')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @ApiOperation({ summary: 'Estadísticas de cualquier periodo: solicitudes, oficios, recursos, denuncias, capacitaciones, asesorías y monitoreos' })
  @ApiOkResponse({ schema: { example: statisticsExample } })
  @ApiBadRequestResponse({ description: 'Periodo inválido' })
  @ApiForbiddenResponse({ description: 'Solo la Unidad de Transparencia, planeación y auditoría' })
  get(@CurrentUser() user: TequioClaims, @Query() query: PeriodQueryDto) {
    return this.statistics.get(user, query.from, query.to);
  }

  @Get('consistency')
  @ApiOperation({ summary: 'Cada desglose contra su total: reporta los que no suman en vez de ocultarlos' })
  @ApiOkResponse({ schema: { example: consistencyExample } })
  @ApiForbiddenResponse({ description: 'Solo la Unidad de Transparencia, planeación y auditoría' })
  consistency(@CurrentUser() user: TequioClaims, @Query() query: PeriodQueryDto) {
    return this.statistics.consistency(user, query.from, query.to);
  }
}
