import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { QuarterPipe } from './quarter.pipe';
import { CompletenessQueryDto, completenessExample, REPORT_ACTIONS, reportResponseExample, ReportStepDto } from './report.dto';
import { CompletenessService } from './completeness.service';
import { ReportAction, ReportsService, WORKFLOW_ROLES } from './reports.service';

@ApiTags('Informes trimestrales')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly completeness: CompletenessService,
  ) {}

  @Get('completeness')
  @ApiOperation({ summary: 'Qué unidades no han elaborado, validado o aprobado el informe del trimestre, frente a la fecha límite' })
  @ApiOkResponse({ schema: { example: completenessExample } })
  progress(@CurrentUser() user: TequioClaims, @Query() query: CompletenessQueryDto) {
    return this.completeness.of(user, query.year, query.quarter, query.dueDate);
  }

  @Get('programs/:programId/:year/:quarter')
  @ApiOperation({ summary: 'Informe trimestral de un programa: la tabla MIR con valores programados, alcanzados, variación, cumplimiento y semáforo' })
  @ApiOkResponse({ schema: { example: reportResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe el programa' })
  @ApiForbiddenResponse({ description: 'Borrador de otra unidad' })
  view(
    @CurrentUser() user: TequioClaims,
    @Param('programId', ParseUUIDPipe) programId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('quarter', QuarterPipe) quarter: number,
  ) {
    return this.reports.view(user, programId, year, quarter);
  }

  @Get('units/:unitCode/:year/:quarter')
  @ApiOperation({ summary: 'Informe trimestral de una unidad: el informe de cada programa que tiene a su cargo' })
  @ApiOkResponse({ schema: { example: { unitCode: '304', year: 2023, quarter: 2, programs: [reportResponseExample] } } })
  @ApiNotFoundResponse({ description: 'La unidad no tiene programas ese año' })
  @ApiForbiddenResponse({ description: 'Borrador de otra unidad' })
  unitView(
    @CurrentUser() user: TequioClaims,
    @Param('unitCode') unitCode: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('quarter', QuarterPipe) quarter: number,
  ) {
    return this.reports.unitView(user, unitCode, year, quarter);
  }

  @Post('programs/:programId/:year/:quarter/:action')
  @Roles(...WORKFLOW_ROLES)
  @HttpCode(200)
  @ApiParam({ name: 'action', enum: REPORT_ACTIONS, description: 'prepare (Elaboró), validate (Validó), approve (Vo. Bo.), reopen (con motivo)' })
  @ApiOperation({ summary: 'Avanzar el flujo del informe: elaborar, validar, aprobar (congela y cierra el trimestre) o reabrir con motivo' })
  @ApiOkResponse({ schema: { example: { ...reportResponseExample, status: 'aprobado', approvedAt: '2023-07-10T17:00:00.000Z' } } })
  @ApiBadRequestResponse({ description: 'Acción desconocida, o reapertura sin motivo' })
  @ApiForbiddenResponse({ description: 'Rol o unidad que no puede dar ese paso' })
  @ApiConflictResponse({ description: 'El informe no está en el estado que el paso requiere' })
  step(
    @CurrentUser() user: TequioClaims,
    @Param('programId', ParseUUIDPipe) programId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('quarter', QuarterPipe) quarter: number,
    @Param('action') action: string,
    @Body() dto: ReportStepDto,
  ) {
    if (!(REPORT_ACTIONS as readonly string[]).includes(action)) throw new BadRequestException(`action: debe ser una de ${REPORT_ACTIONS.join(', ')}`);
    return this.reports.step(user, programId, year, quarter, action as ReportAction, dto.reason);
  }
}
