import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { CaptureDto, captureResponseExample } from './capture.dto';
import { CapturesService } from './captures.service';
import { QuarterPipe } from '../reports/quarter.pipe';

@ApiTags('Capturas manuales')
@Controller('indicators/:indicatorId/captures')
export class CapturesController {
  constructor(private readonly captures: CapturesService) {}

  @Put(':year/:quarter')
  @Roles('admin', 'planning', 'unit_head', 'clerk')
  @ApiOperation({ summary: 'Capturar el valor alcanzado de un indicador manual en un trimestre, con justificación y evidencia' })
  @ApiOkResponse({ schema: { example: captureResponseExample } })
  @ApiBadRequestResponse({ description: 'Campo inválido, o indicador que se calcula de los registros' })
  @ApiNotFoundResponse({ description: 'No existe el indicador' })
  @ApiConflictResponse({ description: 'El informe del trimestre está aprobado (trimestre cerrado)' })
  capture(
    @CurrentUser() user: TequioClaims,
    @Param('indicatorId', ParseUUIDPipe) indicatorId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('quarter', QuarterPipe) quarter: number,
    @Body() dto: CaptureDto,
  ) {
    return this.captures.capture(user, indicatorId, year, quarter, dto);
  }

  @Get(':year/:quarter')
  @ApiOperation({ summary: 'Consultar la captura de un indicador en un trimestre' })
  @ApiOkResponse({ schema: { example: captureResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe el indicador o la captura' })
  get(
    @CurrentUser() user: TequioClaims,
    @Param('indicatorId', ParseUUIDPipe) indicatorId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('quarter', QuarterPipe) quarter: number,
  ) {
    return this.captures.get(user, indicatorId, year, quarter);
  }
}
