import { BadRequestException, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, PipeTransform, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, ExportedFile, ExportFormat, EXAMPLE_QUARTERLY_REPORT, examplePlanningView } from '@tequio/report-export';
import { PlanningExportQueryDto } from '../planning/planning.dto';
import { QuarterPipe } from '../reports/quarter.pipe';
import { ExportsService } from './exports.service';

class FormatPipe implements PipeTransform<string, ExportFormat> {
  constructor(private readonly allowed: readonly ExportFormat[]) {}

  transform(value: string): ExportFormat {
    if (!(this.allowed as readonly string[]).includes(value)) throw new BadRequestException(`format: debe ser uno de ${this.allowed.join(', ')}`);
    return value as ExportFormat;
  }
}

const PLANNING_FORMATS = EXPORT_FORMATS.filter((format) => format !== 'pdf') as Exclude<ExportFormat, 'pdf'>[];

/** The answer of a download in each format: JSON with an example, the others described as binary files. */
function fileContent(formats: readonly ExportFormat[], jsonExample: object) {
  return Object.fromEntries(
    formats.map((format) => [
      EXPORT_CONTENT_TYPES[format],
      format === 'json' ? { schema: { type: 'object' }, example: jsonExample } : { schema: { type: 'string', format: 'binary' } },
    ]),
  );
}

const REPORT_DESCRIPTION =
  'Archivo adjunto (Content-Disposition) con el nombre informe-<unidad>[-<programa>]-<año>-T<trimestre>.<ext>: JSON; CSV UTF-8 con BOM; XLSX con hojas Encabezado, MIR, Desgloses y Calidad de datos; PDF "Informe Trimestral" con marca de agua BORRADOR antes de la aprobación. Un informe aprobado da siempre los mismos bytes.';

function send(file: ExportedFile): StreamableFile {
  return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"` });
}

@ApiTags('Exportaciones')
@Controller()
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('reports/programs/:programId/:year/:quarter/export/:format')
  @ApiOperation({ summary: 'Descargar el informe trimestral de un programa en JSON, CSV, XLSX o PDF (p. ej. informe-402-P08-2025-T3.pdf)' })
  @ApiParam({ name: 'format', enum: EXPORT_FORMATS })
  @ApiProduces(...EXPORT_FORMATS.map((format) => EXPORT_CONTENT_TYPES[format]))
  @ApiOkResponse({ description: REPORT_DESCRIPTION, content: fileContent(EXPORT_FORMATS, EXAMPLE_QUARTERLY_REPORT) })
  @ApiBadRequestResponse({ description: 'Formato desconocido o trimestre fuera de 1 a 4' })
  @ApiNotFoundResponse({ description: 'No existe el programa' })
  @ApiForbiddenResponse({ description: 'Borrador de otra unidad' })
  async program(
    @CurrentUser() user: TequioClaims,
    @Param('programId', ParseUUIDPipe) programId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('quarter', QuarterPipe) quarter: number,
    @Param('format', new FormatPipe(EXPORT_FORMATS)) format: ExportFormat,
  ): Promise<StreamableFile> {
    return send(await this.exports.program(user, programId, year, quarter, format));
  }

  @Get('reports/units/:unitCode/:year/:quarter/export/:format')
  @ApiOperation({ summary: 'Descargar el informe trimestral de una unidad (todos sus programas en un archivo, p. ej. informe-402-2025-T3.pdf)' })
  @ApiParam({ name: 'format', enum: EXPORT_FORMATS })
  @ApiProduces(...EXPORT_FORMATS.map((format) => EXPORT_CONTENT_TYPES[format]))
  @ApiOkResponse({ description: REPORT_DESCRIPTION, content: fileContent(EXPORT_FORMATS, { programs: [EXAMPLE_QUARTERLY_REPORT] }) })
  @ApiBadRequestResponse({ description: 'Formato desconocido o trimestre fuera de 1 a 4' })
  @ApiNotFoundResponse({ description: 'La unidad no tiene programas ese año' })
  @ApiForbiddenResponse({ description: 'Borrador de otra unidad' })
  async unit(
    @CurrentUser() user: TequioClaims,
    @Param('unitCode') unitCode: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('quarter', QuarterPipe) quarter: number,
    @Param('format', new FormatPipe(EXPORT_FORMATS)) format: ExportFormat,
  ): Promise<StreamableFile> {
    return send(await this.exports.unit(user, unitCode, year, quarter, format));
  }

  @Get('planning/indicators/export/:format')
  @Roles('admin', 'planning', 'auditor')
  @ApiOperation({ summary: 'Descargar la vista de planeación del trimestre (todos los indicadores, con el año anterior) en JSON, CSV o XLSX (planeacion-2025-T3.xlsx)' })
  @ApiParam({ name: 'format', enum: PLANNING_FORMATS })
  @ApiProduces(...PLANNING_FORMATS.map((format) => EXPORT_CONTENT_TYPES[format]))
  @ApiOkResponse({ description: 'Archivo adjunto planeacion-<año>-T<trimestre>.<ext>; los mismos filtros y orden que GET /planning/indicators, sin paginar', content: fileContent(PLANNING_FORMATS, examplePlanningView(2)) })
  @ApiBadRequestResponse({ description: 'Formato desconocido (la vista de planeación no tiene PDF) o filtro inválido' })
  @ApiForbiddenResponse({ description: 'Solo planeación, administración o auditoría' })
  async planning(
    @CurrentUser() user: TequioClaims,
    @Param('format', new FormatPipe(PLANNING_FORMATS)) format: Exclude<ExportFormat, 'pdf'>,
    @Query() query: PlanningExportQueryDto,
  ): Promise<StreamableFile> {
    return send(await this.exports.planningView(user, query, format));
  }
}
