import { BadRequestException, Injectable } from '@nestjs/common';
import { UnitReplicaRepository } from '@tequio/unit-directory';

/** Checks unit codes against the catalog's units replicated here. */
@Injectable()
export class KnownUnits {
  constructor(private readonly units: UnitReplicaRepository) {}

  /** 400 naming every field whose unit code the catalog does not know. */
  async require(tenant: string, fields: { field: string; code: string }[]): Promise<void> {
    const known = new Map<string, boolean>();
    const problems: string[] = [];
    for (const { field, code } of fields) {
      if (!known.has(code)) known.set(code, (await this.units.findByCode(tenant, code)) !== null);
      if (!known.get(code)) problems.push(`${field}: no existe la unidad ${code} en el catálogo`);
    }
    if (problems.length > 0) throw new BadRequestException(problems.join('; '));
  }
}
