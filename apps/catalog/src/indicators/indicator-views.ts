import { Injectable } from '@nestjs/common';
import {
  ACCUMULATION_TYPE_LABELS,
  INDICATOR_DIMENSION_LABELS,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_TYPE_LABELS,
  IndicatorDefinition,
  MEASUREMENT_FREQUENCY_LABELS,
  QuarterTargets,
} from '@tequio/contracts';
import { EntityManager } from 'typeorm';
import { programLabel, ProgramsService } from '../programs/programs.service';
import { Indicator } from './indicator.entity';
import { definitionOf, targetsOf } from './indicator-fields';
import { IndicatorsRepository } from './indicators.repository';
import { levelLabel } from './mir-levels';

export interface IndicatorView extends Omit<Indicator, 'targetQ1' | 'targetQ2' | 'targetQ3' | 'targetQ4' | 'baselineValue' | 'baselineYear'> {
  programLabel: string | null;
  levelLabel: string;
  typeLabel: string;
  dimensionLabel: string;
  frequencyLabel: string;
  directionLabel: string;
  accumulationLabel: string;
  baseline: { value: number; year: number } | null;
  responsibleUnitCode: string | null;
  targets: QuarterTargets;
}

/** How indicators are shown (labels, program, responsible unit's code) and published (their definition). */
@Injectable()
export class IndicatorViews {
  constructor(
    private readonly indicators: IndicatorsRepository,
    private readonly programs: ProgramsService,
  ) {}

  /** The state events' payload: the indicator with its responsible unit's code. */
  async definition(manager: EntityManager, indicator: Indicator): Promise<IndicatorDefinition> {
    const [unit] = await this.indicators.unitsByIds(manager, indicator.tenant, [indicator.responsibleUnitId]);
    return definitionOf(indicator, unit);
  }

  async view(manager: EntityManager, tenant: string, indicator: Indicator): Promise<IndicatorView> {
    return (await this.views(manager, tenant, [indicator]))[0];
  }

  async views(manager: EntityManager, tenant: string, indicators: Indicator[]): Promise<IndicatorView[]> {
    const programs = await this.programs.byIds(manager, tenant, indicators.map((i) => i.programId));
    const units = new Map((await this.indicators.unitsByIds(manager, tenant, indicators.map((i) => i.responsibleUnitId))).map((u) => [u.id, u]));
    return indicators.map((indicator) => {
      const { targetQ1: _1, targetQ2: _2, targetQ3: _3, targetQ4: _4, baselineValue, baselineYear, ...rest } = indicator;
      const program = programs.get(indicator.programId);
      return {
        ...rest,
        programLabel: program ? programLabel(program) : null,
        levelLabel: levelLabel(indicator),
        typeLabel: INDICATOR_TYPE_LABELS[indicator.type],
        dimensionLabel: INDICATOR_DIMENSION_LABELS[indicator.dimension],
        frequencyLabel: MEASUREMENT_FREQUENCY_LABELS[indicator.frequency],
        directionLabel: INDICATOR_DIRECTION_LABELS[indicator.direction],
        accumulationLabel: ACCUMULATION_TYPE_LABELS[indicator.accumulation],
        baseline: baselineValue === null || baselineYear === null ? null : { value: baselineValue, year: baselineYear },
        responsibleUnitCode: units.get(indicator.responsibleUnitId)?.code ?? null,
        targets: targetsOf(indicator),
      };
    });
  }
}
