import { Body, Controller, Delete, Get, Headers, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, TequioClaims } from '@tequio/auth';
import { RateLimited } from '@tequio/platform';
import { calendarFeedExample, CreateCalendarFeedDto, createdCalendarFeedExample, icsExample } from './calendar-feed.dto';
import { CalendarFeedsService } from './calendar-feeds.service';
import { AgendaWriters } from '../settings/agenda-settings.service';

@ApiTags('Calendarios suscribibles')
@Controller()
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Post('calendar-feeds')
  @AgendaWriters()
  @ApiOperation({ summary: 'Crear un calendario suscribible (público o de una unidad); la URL con su token secreto se muestra solo esta vez' })
  @ApiCreatedResponse({ schema: { example: createdCalendarFeedExample } })
  @ApiForbiddenResponse({ description: 'El público lo gestiona la Oficina de la Presidencia; el de una unidad, también esa unidad' })
  create(@CurrentUser() user: TequioClaims, @Body() dto: CreateCalendarFeedDto) {
    return this.feeds.create(user, dto);
  }

  @Get('calendar-feeds')
  @ApiOperation({ summary: 'Listar los calendarios suscribibles (sin sus tokens)' })
  @ApiOkResponse({ schema: { example: [calendarFeedExample] } })
  list(@CurrentUser() user: TequioClaims) {
    return this.feeds.list(user);
  }

  @Delete('calendar-feeds/:id')
  @AgendaWriters()
  @ApiOperation({ summary: 'Revocar un calendario: su URL deja de funcionar (404)' })
  @ApiOkResponse({ schema: { example: { ...calendarFeedExample, revokedAt: '2025-08-01T15:00:00.000Z' } } })
  @ApiNotFoundResponse({ description: 'No existe el calendario' })
  revoke(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.feeds.revoke(user, id);
  }

  @Get('feeds/:file')
  @Public()
  @RateLimited()
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'El calendario iCalendar (RFC 5545) detrás de un token: /feeds/{token}.ics, para suscribirse desde cualquier cliente de calendario' })
  @ApiOkResponse({ content: { 'text/calendar': { schema: { type: 'string' }, example: icsExample } } })
  @ApiResponse({ status: 304, description: 'Sin cambios desde el ETag que envió el cliente (If-None-Match)' })
  @ApiNotFoundResponse({ description: 'Token desconocido o revocado' })
  async render(
    @Param('file') file: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void; status(code: number): void },
  ) {
    const calendar = await this.feeds.render(file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : file);
    // Set only on success: a 404 stays JSON.
    response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    response.setHeader('Cache-Control', 'private, max-age=300');
    response.setHeader('ETag', calendar.etag);
    if (ifNoneMatch === calendar.etag) {
      response.status(304);
      return '';
    }
    return calendar.body;
  }
}
