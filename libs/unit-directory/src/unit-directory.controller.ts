import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, TequioClaims } from '@tequio/auth';
import { UNIT_KIND_LABELS, UnitKind } from '@tequio/contracts';
import { calendarDate, paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { UnitReplicaRepository } from './unit-replica.repository';

class ListKnownUnitsQuery extends createZodDto(
  z
    .object({
      code: z.string().trim().min(1).max(20).optional().meta({ example: '402' }),
      activeOn: calendarDate().optional().meta({ example: '2025-09-30', description: 'Solo unidades activas en esa fecha' }),
      ...paginationFields,
    })
    .strict(),
) {}

const example = {
  items: [
    {
      id: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
      code: '402',
      name: 'Secretaría Particular',
      kind: 'secretaria',
      kindLabel: 'Secretaría',
      parentId: null,
      activeFrom: '2025-01-01',
      activeTo: null,
      version: 1,
    },
  ],
  total: 1,
  limit: 50,
  offset: 0,
};

/** What this service knows of the catalog's units (its replica), e.g. to check a code before writing. */
@ApiTags('Unidades conocidas')
@Controller('catalog-units')
export class UnitDirectoryController {
  constructor(private readonly units: UnitReplicaRepository) {}

  @Get()
  @ApiOperation({ summary: 'Unidades del catálogo replicadas en este servicio' })
  @ApiOkResponse({ schema: { example } })
  async list(@CurrentUser() user: TequioClaims, @Query() query: ListKnownUnitsQuery) {
    const { items, total } = await this.units.list({ ...query, tenant: user.tenant });
    return {
      items: items.map(({ tenant: _tenant, updatedAt: _updatedAt, ...unit }) => ({ ...unit, kindLabel: UNIT_KIND_LABELS[unit.kind as UnitKind] ?? unit.kind })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
