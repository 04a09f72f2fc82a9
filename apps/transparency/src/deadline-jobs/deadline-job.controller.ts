import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tequio/auth';
import { DeadlineJobService } from './deadline-job.service';

@ApiTags('Vencimientos')
@Controller('deadline-job')
export class DeadlineJobController {
  constructor(private readonly job: DeadlineJobService) {}

  @Post('run')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Ejecutar ya la revisión de vencimientos (corre sola cada 15 minutos; una réplica a la vez)' })
  @ApiOkResponse({ schema: { example: { skipped: false, examined: 120, overdue: 2, dueSoon: 5, lapsed: 1 } } })
  run() {
    return this.job.run();
  }
}
