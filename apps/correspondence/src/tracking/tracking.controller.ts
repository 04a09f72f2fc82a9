import { Body, Controller, HttpCode, HttpException, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from '@tequio/auth';
import { RateLimiter } from './rate-limiter';
import { TrackDocumentDto, trackingResponseExample, TRACKING_NOT_FOUND } from './tracking.dto';
import { TrackingService } from './tracking.service';

interface ClientRequest {
  ip?: string;
  socket: { remoteAddress?: string };
}

/** Calls per client and minute (CORRESPONDENCE_TRACKING_RATE_LIMIT, 20 by default). */
function trackingLimit(): number {
  const configured = Number(process.env['CORRESPONDENCE_TRACKING_RATE_LIMIT']);
  return Number.isInteger(configured) && configured > 0 ? configured : 20;
}

@ApiTags('Seguimiento ciudadano')
@Controller('tracking')
export class TrackingController {
  private readonly limiter = new RateLimiter(trackingLimit(), 60_000);

  constructor(private readonly tracking: TrackingService) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Seguimiento de un documento por folio y código, sin token: estado, fechas, unidad y número de oficio (nada personal)' })
  @ApiOkResponse({ schema: { example: trackingResponseExample } })
  @ApiNotFoundResponse({ description: `Misma respuesta para folio inexistente y código equivocado: "${TRACKING_NOT_FOUND}"` })
  @ApiTooManyRequestsResponse({ description: 'Demasiadas consultas desde el mismo cliente; el encabezado Retry-After dice cuántos segundos esperar' })
  track(@Req() request: ClientRequest, @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void }, @Body() dto: TrackDocumentDto) {
    const wait = this.limiter.take(request.ip ?? request.socket.remoteAddress ?? 'unknown');
    if (wait > 0) {
      response.setHeader('Retry-After', String(wait));
      throw new HttpException({ statusCode: 429, error: 'Too Many Requests', message: `Demasiadas consultas: intente de nuevo en ${wait} s` }, HttpStatus.TOO_MANY_REQUESTS);
    }
    return this.tracking.track(dto);
  }
}
