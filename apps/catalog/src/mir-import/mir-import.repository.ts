import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Unit } from '../units/unit.entity';

/** The import writes through IndicatorsService; here only its transaction and the look-up of the file's unit codes. */
@Injectable()
export class MirImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Ids of the municipality's units by code ("402" → id), for the "Unidad responsable" column. */
  async unitIdsByCode(tenant: string, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const units = await this.dataSource.getRepository(Unit).find({ select: { id: true, code: true }, where: { tenant, code: In([...new Set(codes)]) } });
    return new Map(units.map((unit) => [unit.code, unit.id]));
  }
}
