import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { AuditTrail } from '@tequio/persistence';
import { paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

class AuditQueryDto extends createZodDto(
  z
    .object({
      entityType: z.string().trim().min(1).max(50).optional().meta({ example: 'unit' }),
      entityId: z.string().trim().min(1).max(100).optional().meta({ example: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10' }),
      ...paginationFields,
    })
    .strict(),
) {}

const example = {
  items: [
    {
      id: '42',
      entityType: 'unit',
      entityId: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
      action: 'updated',
      actor: 'planeacion@oaxaca',
      at: '2025-07-01T15:00:00.000Z',
      changes: { name: { from: 'Secretaría Particular', to: 'Secretaría Particular de la Presidencia' } },
      reason: null,
    },
  ],
  total: 1,
  limit: 50,
  offset: 0,
};

@ApiTags('Bitácora')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  @Get()
  // The trail holds before/after values (e.g. the names of unit heads): not for every reader.
  @Roles('admin', 'planning', 'auditor')
  @ApiOperation({ summary: 'Bitácora de cambios del catálogo (quién, cuándo, qué cambió), la más reciente primero' })
  @ApiOkResponse({ schema: { example } })
  async history(@CurrentUser() user: TequioClaims, @Query() query: AuditQueryDto) {
    return { ...(await this.audit.history(user.tenant, query)), limit: query.limit, offset: query.offset };
  }
}
