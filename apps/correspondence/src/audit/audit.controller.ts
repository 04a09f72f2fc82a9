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
      entityType: z.enum(['document', 'hearing', 'correspondence_settings']).optional().meta({ example: 'document' }),
      entityId: z.string().trim().min(1).max(100).optional().meta({ example: '2c4b6d8e-1f3a-4b5c-9d7e-8f0a1b2c3d4e' }),
      ...paginationFields,
    })
    .strict(),
) {}

const example = {
  items: [
    { id: '42', entityType: 'document', entityId: '2c4b6d8e-1f3a-4b5c-9d7e-8f0a1b2c3d4e', action: 'personal_data_read', actor: 'oficialia@oaxaca', at: '2025-07-01T15:00:00.000Z', changes: {}, reason: 'GET /documents/{id}' },
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
  // The trail holds before/after values and who read whose personal data: admins and auditors only.
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Bitácora de cambios y de lecturas de datos personales, la más reciente primero' })
  @ApiOkResponse({ schema: { example } })
  async history(@CurrentUser() user: TequioClaims, @Query() query: AuditQueryDto) {
    return { ...(await this.audit.history(user.tenant, query)), limit: query.limit, offset: query.offset };
  }
}
