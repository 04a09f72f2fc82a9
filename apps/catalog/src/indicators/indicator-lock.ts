import { Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { EntityManager } from 'typeorm';
import { ProgramsService } from '../programs/programs.service';
import { Indicator } from './indicator.entity';
import { IndicatorsRepository } from './indicators.repository';

/**
 * How a write finds a stored indicator: it locks the indicator's program first, as every write of a program's MIR
 * does (positions and closed quarters are judged under that lock), then reads the indicator again under it.
 */
@Injectable()
export class IndicatorLock {
  constructor(
    private readonly indicators: IndicatorsRepository,
    private readonly programs: ProgramsService,
  ) {}

  /** What every VersionedWriter spec of a stored indicator shares, joining the caller's transaction. */
  locate(user: TequioClaims, id: string, manager: EntityManager) {
    return {
      manager,
      tenant: user.tenant,
      actor: user.sub,
      entityType: 'indicator',
      entity: Indicator,
      lock: async (manager: EntityManager) => {
        const found = await this.indicators.findById(user.tenant, id, manager);
        if (!found) return null;
        await this.programs.requireLocked(manager, user.tenant, found.programId);
        return this.indicators.findById(user.tenant, id, manager);
      },
      notFound: () => new NotFoundException(`No existe el indicador ${id}`),
    };
  }
}
