import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, TequioClaims } from '@tequio/auth';
import { ListQuarterLocksQueryDto, quarterLockResponseExample } from './quarter-lock.dto';
import { QuarterLocksService } from './quarter-locks.service';

@ApiTags('Trimestres cerrados')
@Controller('quarter-locks')
export class QuarterLocksController {
  constructor(private readonly locks: QuarterLocksService) {}

  @Get()
  @ApiOperation({ summary: 'Trimestres cuyo informe fue aprobado en reportes (sus metas no se pueden cambiar mientras sigan cerrados)' })
  @ApiOkResponse({ schema: { example: { items: [quarterLockResponseExample], total: 1, limit: 50, offset: 0 } } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListQuarterLocksQueryDto) {
    return this.locks.list(user, query);
  }
}
