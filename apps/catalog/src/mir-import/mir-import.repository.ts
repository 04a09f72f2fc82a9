import { DatabaseRepository } from '@tequio/platform';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Unit } from '../units/unit.entity';

/** The import writes through IndicatorCreationService; here only its transaction and the look-up of the file's unit codes. */
@Injectable()
export class MirImportRepository extends DatabaseRepository {
  /** Ids of the municipality's units by code ("402" → id), for the "Unidad responsable" column. */
  async unitIdsByCode(tenant: string, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const units = await this.dataSource.getRepository(Unit).find({ select: { id: true, code: true }, where: { tenant, code: In([...new Set(codes)]) } });
    return new Map(units.map((unit) => [unit.code, unit.id]));
  }
}
