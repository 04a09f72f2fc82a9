import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { EventDefinition, ProgramCreated, ProgramDeleted, ProgramSnapshot, ProgramUpdated } from '@tequio/contracts';
import { AuditAction } from '@tequio/persistence';
import { Page, VersionedWriter } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { objectiveLabel, PlanService } from '../plan/plan.service';
import { Unit } from '../units/unit.entity';
import { CreateProgramDto, ListProgramsQueryDto, UpdateProgramDto } from './program.dto';
import { Program } from './program.entity';
import { ProgramsRepository } from './programs.repository';

export interface ProgramView extends Program {
  label: string;
  ownerUnit: { id: string; code: string; name: string; label: string } | null;
  objectiveIds: string[];
  objectives: { id: string; code: string; name: string; label: string }[];
}

/** What a write fills in as it runs: the program's view it answers with, which its event and audit entry are built from. */
type Written = { view: ProgramView; owner: Unit };

/** `08 - Gobierno innovador y tecnológico`. */
export const programLabel = (program: Pick<Program, 'code' | 'name'>) => `${program.code} - ${program.name}`;

/** Programas presupuestarios of each year, owned by a unit and aligned to development-plan objectives. */
@Injectable()
export class ProgramsService {
  constructor(
    private readonly programs: ProgramsRepository,
    private readonly plan: PlanService,
    private readonly writer: VersionedWriter,
  ) {}

  async create(user: TequioClaims, dto: CreateProgramDto): Promise<ProgramView> {
    const state = {} as Written;
    await this.writer.create({
      ...this.record(user, 'created', ProgramCreated),
      entity: Program,
      build: async (manager) => {
        await this.requireFreeCode(manager, user.tenant, dto.year, dto.code);
        state.owner = await this.requireUnit(manager, user.tenant, dto.ownerUnitId);
        await this.requireObjectives(manager, user.tenant, dto.year, dto.objectiveIds);
        return Object.assign(new Program(), { tenant: user.tenant, year: dto.year, code: dto.code, name: dto.name, ownerUnitId: state.owner.id });
      },
      afterSave: async (program, manager) => {
        await this.programs.replaceObjectives(manager, program.id, dto.objectiveIds);
        state.view = await this.view(manager, program);
      },
      snapshot: () => snapshot(state.view, state.owner),
      audited: { after: () => auditable(state.view) },
    });
    return state.view;
  }

  async update(user: TequioClaims, id: string, dto: UpdateProgramDto): Promise<ProgramView> {
    const state = {} as Written;
    await this.writer.update({
      ...this.locate(user, id, 'updated', ProgramUpdated),
      change: async (program, manager) => {
        if (dto.code !== undefined && dto.code !== program.code) await this.requireFreeCode(manager, user.tenant, program.year, dto.code);
        state.owner = await this.requireUnit(manager, user.tenant, dto.ownerUnitId ?? program.ownerUnitId);
        if (dto.objectiveIds !== undefined) {
          await this.requireObjectives(manager, user.tenant, program.year, dto.objectiveIds);
          await this.programs.replaceObjectives(manager, program.id, dto.objectiveIds);
        }
        Object.assign(program, { code: dto.code ?? program.code, name: dto.name ?? program.name, ownerUnitId: state.owner.id });
        return {
          afterSave: async (saved, manager) => {
            state.view = await this.view(manager, saved);
          },
        };
      },
      snapshot: () => snapshot(state.view, state.owner),
      audited: { before: async (program, manager) => auditable(await this.view(manager, program)), after: () => auditable(state.view) },
    });
    return state.view;
  }

  async remove(user: TequioClaims, id: string): Promise<ProgramView> {
    const state = {} as Written;
    const last = await this.writer.remove({
      ...this.locate(user, id, 'deleted', ProgramDeleted),
      check: async (program, manager) => {
        const indicators = await this.programs.indicatorCount(manager, program.id);
        if (indicators > 0) {
          throw new ConflictException(`id: el programa ${programLabel(program)} (${program.year}) tiene ${indicators} indicador(es); elimínelos primero`);
        }
        state.view = await this.view(manager, program);
        state.owner = await this.requireUnit(manager, user.tenant, program.ownerUnitId);
      },
      delete: (program, manager) => this.programs.delete(manager, program.id),
      snapshot: (program) => snapshot({ ...state.view, version: program.version }, state.owner),
      audited: { before: () => auditable(state.view) },
    });
    return { ...state.view, version: last.version };
  }

  private record(user: TequioClaims, action: AuditAction, event: EventDefinition<typeof ProgramCreated.data>) {
    return { tenant: user.tenant, actor: user.sub, entityType: 'program', action, event };
  }

  private locate(user: TequioClaims, id: string, action: AuditAction, event: EventDefinition<typeof ProgramCreated.data>) {
    return {
      ...this.record(user, action, event),
      entity: Program,
      lock: (manager: EntityManager) => this.programs.lock(manager, user.tenant, id),
      notFound: () => programNotFound(id),
    };
  }

  async get(user: TequioClaims, id: string): Promise<ProgramView> {
    const program = await this.programs.findById(user.tenant, id);
    if (!program) throw new NotFoundException(`No existe el programa ${id}`);
    return this.view(this.programs.manager, program);
  }

  async list(user: TequioClaims, query: ListProgramsQueryDto): Promise<Page<ProgramView>> {
    const { items, total } = await this.programs.list({ ...query, tenant: user.tenant });
    return { items: await this.views(this.programs.manager, items), total, limit: query.limit, offset: query.offset };
  }

  /** For the MIR: the program, locked for the caller's transaction; 404 when the municipality has no such program. */
  async requireLocked(manager: EntityManager, tenant: string, id: string): Promise<Program> {
    const program = await this.programs.lock(manager, tenant, id);
    if (!program) throw programNotFound(id);
    return program;
  }

  /** Programs by id, for labels in indicator lists. */
  async byIds(manager: EntityManager, tenant: string, ids: string[]): Promise<Map<string, Program>> {
    return new Map((await this.programs.findByIds(manager, tenant, [...new Set(ids)])).map((program) => [program.id, program]));
  }

  private async view(manager: EntityManager, program: Program): Promise<ProgramView> {
    const [view] = await this.views(manager, [program]);
    return view;
  }

  private async views(manager: EntityManager, programs: Program[]): Promise<ProgramView[]> {
    if (programs.length === 0) return [];
    const tenant = programs[0].tenant;
    const objectiveIds = await this.programs.objectiveIdsOf(manager, programs.map((p) => p.id));
    const units = new Map((await this.programs.findUnits(manager, tenant, [...new Set(programs.map((p) => p.ownerUnitId))])).map((u) => [u.id, u]));
    const objectives = new Map((await this.programs.findObjectives(manager, [...new Set([...objectiveIds.values()].flat())])).map((o) => [o.id, o]));
    return programs.map((program) => {
      const unit = units.get(program.ownerUnitId);
      const ids = [...(objectiveIds.get(program.id) ?? [])].sort((a, b) => (objectives.get(a)?.code ?? '').localeCompare(objectives.get(b)?.code ?? '', 'es', { numeric: true }));
      return {
        ...program,
        label: programLabel(program),
        ownerUnit: unit ? { id: unit.id, code: unit.code, name: unit.name, label: `${unit.code} - ${unit.name}` } : null,
        objectiveIds: ids,
        objectives: ids.flatMap((oid) => {
          const objective = objectives.get(oid);
          return objective ? [{ id: objective.id, code: objective.code, name: objective.name, label: objectiveLabel(objective) }] : [];
        }),
      };
    });
  }

  private async requireFreeCode(manager: EntityManager, tenant: string, year: number, code: string): Promise<void> {
    if (await this.programs.findByCode(manager, tenant, year, code)) {
      throw new ConflictException(`code: ya existe el programa ${code} en ${year}`);
    }
  }

  private async requireUnit(manager: EntityManager, tenant: string, unitId: string): Promise<Unit> {
    const [unit] = await this.programs.findUnits(manager, tenant, [unitId]);
    if (!unit) throw new BadRequestException(`ownerUnitId: no existe la unidad ${unitId}`);
    return unit;
  }

  /** Each objective exists in the municipality and belongs to a plan in force in the program's year. */
  private async requireObjectives(manager: EntityManager, tenant: string, year: number, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.plan.objectivesWithPlans(manager, tenant, ids);
    const byId = new Map(found.map((entry) => [entry.objective.id, entry]));
    const problems: string[] = [];
    ids.forEach((id, index) => {
      const entry = byId.get(id);
      if (!entry) problems.push(`objectiveIds.${index}: no existe el objetivo ${id}`);
      else if (year < entry.plan.startYear || year > entry.plan.endYear) {
        problems.push(`objectiveIds.${index}: el Objetivo ${entry.objective.code} pertenece a ${entry.plan.name} (${entry.plan.startYear}-${entry.plan.endYear}), que no cubre ${year}`);
      }
    });
    if (problems.length > 0) throw new BadRequestException(problems.join('; '));
  }
}

const programNotFound = (id: string) => new NotFoundException(`programId: no existe el programa ${id}`);

function snapshot(view: ProgramView, owner: Unit): ProgramSnapshot {
  return {
    programId: view.id,
    year: view.year,
    code: view.code,
    name: view.name,
    label: view.label,
    ownerUnitId: owner.id,
    ownerUnitCode: owner.code,
    objectiveIds: view.objectiveIds,
    version: view.version,
  };
}

function auditable(view: ProgramView) {
  return { code: view.code, name: view.name, year: view.year, ownerUnitId: view.ownerUnitId, objectiveIds: view.objectiveIds };
}
