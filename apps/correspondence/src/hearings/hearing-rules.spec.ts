import { BadRequestException } from '@nestjs/common';
import { HEARING_TOPICS } from '@tequio/contracts';
import { checkHearing, HearingFacts } from './hearing-rules';

const base: HearingFacts = {
  requesterCategory: 'mujer',
  groupSize: null,
  topic: 'obra_publica',
  requestedOn: '2025-07-08',
  attendedOn: null,
  outcome: 'en_proceso',
  channelledUnitCode: null,
};

function problem(facts: Partial<HearingFacts>, topics: readonly string[] = HEARING_TOPICS): string | undefined {
  try {
    checkHearing({ ...base, ...facts }, topics, '2025-10-01');
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).message;
  }
}

describe('hearing rules', () => {
  it('accepts coherent requests', () => {
    expect(problem({})).toBeUndefined();
    expect(problem({ requesterCategory: 'grupo', groupSize: 30, outcome: 'dialogo_vecinal', attendedOn: '2025-07-19' })).toBeUndefined();
    expect(problem({ outcome: 'canalizada', attendedOn: '2025-07-09', channelledUnitCode: '801' })).toBeUndefined();
  });

  it('names the field of each broken rule', () => {
    expect(problem({ requesterCategory: 'grupo' })).toMatch(/^groupSize: obligatorio/);
    expect(problem({ groupSize: 3 })).toMatch(/^groupSize: solo aplica/);
    expect(problem({}, ['otro'])).toMatch(/^topic: el tema "obra_publica" no está habilitado/);
    expect(problem({ attendedOn: '2025-07-10' })).toMatch(/^attendedOn: una audiencia en proceso/);
    expect(problem({ outcome: 'presidente' })).toMatch(/^attendedOn: obligatorio/);
    expect(problem({ outcome: 'presidente', attendedOn: '2025-07-01' })).toMatch(/^attendedOn: no puede ser anterior/);
    expect(problem({ outcome: 'canalizada', attendedOn: '2025-07-09' })).toMatch(/^channelledUnitCode: obligatorio/);
    expect(problem({ requestedOn: '2025-12-01' })).toMatch(/^requestedOn: no puede ser una fecha futura/);
  });
});
