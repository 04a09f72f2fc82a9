import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@tequio/auth';
import { RateLimited } from '@tequio/platform';
import { TrackDocumentDto, trackingResponseExample, TRACKING_NOT_FOUND } from './tracking.dto';
import { TrackingService } from './tracking.service';

@ApiTags('Seguimiento ciudadano')
@Controller('tracking')
export class TrackingController {
  constructor(private readonly tracking: TrackingService) {}

  @Post()
  @Public()
  @RateLimited()
  @HttpCode(200)
  @ApiOperation({ summary: 'Seguimiento de un documento por folio y código, sin token: estado, fechas, unidad y número de oficio (nada personal)' })
  @ApiOkResponse({ schema: { example: trackingResponseExample } })
  @ApiNotFoundResponse({ description: `Misma respuesta para folio inexistente y código equivocado: "${TRACKING_NOT_FOUND}"` })
  track(@Body() dto: TrackDocumentDto) {
    return this.tracking.track(dto);
  }
}
