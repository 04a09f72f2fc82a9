import { Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Req, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import type { Response } from 'express';
import { MirImportQueryDto } from './mir-import.dto';
import { MirImportService } from './mir-import.service';
import { templateCsv, templateXlsx, XLSX_MIME } from './mir-template';
import { MirUploadInterceptor, RequestWithUpload } from './mir-upload.interceptor';

const resultExample = {
  dryRun: true,
  valid: false,
  rows: 2,
  errors: [{ row: 3, column: 'Tipo', message: '"Táctico" no es válido; use Estratégico o De gestión' }],
  warnings: [{ row: 3, column: 'Programado acumulado', message: 'las metas trimestrales suman 106 pero el acumulado programado es 100' }],
  ignoredColumns: ['Valores Alcanzados 1er. Trim.'],
  preview: [
    {
      row: 2,
      levelLabel: 'Componente 1',
      notes: ['acumulación: parte de la meta anual (los trimestres suman 100%)'],
      indicator: {
        level: 'componente',
        componentNumber: 1,
        activityNumber: null,
        name: 'Porcentaje de reportes de alumbrado público atendidos',
        definition: 'Mide la proporción de reportes ciudadanos de luminarias apagadas que terminan en una reparación',
        calculationMethod: '(número de luminarias reparadas / número de reportes de luminarias apagadas recibidos) * 100',
        unitOfMeasure: 'Porcentaje',
        type: 'estrategico',
        dimension: 'eficiencia',
        frequency: 'trimestral',
        direction: 'ascendente',
        baseline: { value: 0, year: 2024 },
        accumulation: 'annual_goal_share',
        factor: 100,
        meansOfVerification: 'Bitácora de reparaciones del Departamento de Alumbrado Público',
        targets: { q1: 20, q2: 25, q3: 30, q4: 25 },
        formula: { numerator: { kind: 'manual' }, denominator: { kind: 'manual' } },
      },
    },
  ],
};

@ApiTags('Importación de MIR')
@Controller()
export class MirImportController {
  constructor(private readonly imports: MirImportService) {}

  @Post('programs/:programId/mir-import')
  @Roles('admin', 'planning')
  @UseInterceptors(MirUploadInterceptor)
  @ApiOperation({
    summary: 'Importar la MIR de un programa desde CSV o XLSX (todas las filas o ninguna)',
    description:
      'Archivo en el campo `file` (multipart/form-data) o como cuerpo text/csv o XLSX, máximo 5 MB. ' +
      'Con dryRun=true solo valida y devuelve la vista previa (200); con dryRun=false crea los indicadores en una transacción (201). ' +
      'Columnas aceptadas: docs/catalog/mir-import.md o GET /mir-import/template.xlsx.',
  })
  @ApiConsumes('multipart/form-data', 'text/csv', XLSX_MIME)
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiOkResponse({ description: 'Validación (dryRun=true)', schema: { example: resultExample } })
  @ApiCreatedResponse({ description: 'Indicadores creados', schema: { example: { ...resultExample, dryRun: false, valid: true, errors: [], created: [{ row: 2, id: '2b1a4c8d-9e7f-4a2b-8c4d-1e2f3a4b5c6d', levelLabel: 'Componente 1', name: 'Porcentaje de reportes de alumbrado público atendidos' }] } } })
  @ApiBadRequestResponse({ description: 'Archivo ausente, vacío, de otro tipo o ilegible; o filas inválidas (errors: fila, columna, mensaje): no se guarda nada' })
  @ApiNotFoundResponse({ description: 'No existe el programa en el municipio del usuario' })
  @ApiPayloadTooLargeResponse({ description: 'El archivo excede 5 MB' })
  async import(
    @CurrentUser() user: TequioClaims,
    @Param('programId', ParseUUIDPipe) programId: string,
    @Query() query: MirImportQueryDto,
    @Req() request: RequestWithUpload,
    @Res({ passthrough: true }) response: Response,
  ) {
    const dryRun = query.dryRun === 'true';
    if (dryRun) response.status(200);
    return this.imports.import(user, programId, request.mirUpload, dryRun);
  }

  @Get('mir-import/template.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="plantilla-mir.csv"')
  @ApiOperation({ summary: 'Plantilla CSV de la MIR: encabezados exactos y una fila de ejemplo' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV UTF-8 con BOM', content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } } })
  templateCsv(): StreamableFile {
    return new StreamableFile(templateCsv());
  }

  @Get('mir-import/template.xlsx')
  @Header('Content-Type', XLSX_MIME)
  @Header('Content-Disposition', 'attachment; filename="plantilla-mir.xlsx"')
  @ApiOperation({ summary: 'Plantilla XLSX de la MIR: hoja MIR (encabezados y una fila de ejemplo) y hoja de instrucciones' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'Libro de Excel', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  async templateXlsx(): Promise<StreamableFile> {
    return new StreamableFile(await templateXlsx());
  }
}
