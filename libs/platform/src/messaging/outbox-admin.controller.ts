import { Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { OutboxRelay } from '@tequio/messaging';

const parkedExample = [
  {
    id: '0b7f5c1e-2a4d-4f0e-9a51-6d8c3e2f1a90',
    topic: 'tequio.catalog.indicator.v1',
    messageKey: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
    eventType: 'tequio.catalog.indicator.updated',
    tenant: 'oaxaca-de-juarez',
    attempts: 10,
    lastError: 'The request included a message larger than the max message size the server will accept',
    createdAt: '2025-07-01T15:00:00.000Z',
    parkedAt: '2025-07-01T15:04:10.000Z',
  },
];

/** Events Kafka keeps refusing wait here for an administrator; later events of the same aggregate wait behind them. */
@ApiTags('Mensajería')
@Controller('outbox/parked')
export class OutboxAdminController {
  constructor(private readonly relay: OutboxRelay) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Eventos detenidos: los que Kafka rechazó tras varios intentos' })
  @ApiOkResponse({ schema: { example: parkedExample } })
  list(@CurrentUser() user: TequioClaims) {
    return this.relay.parkedRows(user.tenant);
  }

  @Post(':id/retry')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Vuelve a formar un evento detenido (p. ej. tras corregir la configuración del broker)' })
  @ApiNoContentResponse({ description: 'El evento vuelve a la cola' })
  @ApiNotFoundResponse({ description: 'No hay un evento detenido con ese id' })
  async retry(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    if (!(await this.relay.retryParked(user.tenant, id))) throw new NotFoundException('id: no hay un evento detenido con ese id');
  }
}
