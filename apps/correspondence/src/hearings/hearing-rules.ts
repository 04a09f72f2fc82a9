import { BadRequestException } from '@nestjs/common';
import { HearingOutcome, HearingTopic, RequesterCategory } from '@tequio/contracts';

export interface HearingFacts {
  requesterCategory: RequesterCategory;
  groupSize: number | null;
  topic: HearingTopic;
  requestedOn: string;
  attendedOn: string | null;
  outcome: HearingOutcome;
  channelledUnitCode: string | null;
}

/** Cross-field rules of a hearing request; the first broken one answers 400 naming its field. */
export function checkHearing(hearing: HearingFacts, enabledTopics: readonly string[], today: string): void {
  const fail = (message: string) => {
    throw new BadRequestException(message);
  };
  if (hearing.requesterCategory === 'grupo' && hearing.groupSize === null) fail('groupSize: obligatorio cuando quien solicita es un grupo');
  if (hearing.requesterCategory !== 'grupo' && hearing.groupSize !== null) fail('groupSize: solo aplica a grupos');
  if (!enabledTopics.includes(hearing.topic)) fail(`topic: el tema "${hearing.topic}" no está habilitado en el municipio (${enabledTopics.join(', ')})`);
  if (hearing.requestedOn > today) fail('requestedOn: no puede ser una fecha futura');
  if (hearing.outcome === 'en_proceso' && hearing.attendedOn !== null) fail('attendedOn: una audiencia en proceso aún no tiene fecha de atención');
  if (hearing.outcome !== 'en_proceso' && hearing.attendedOn === null) fail(`attendedOn: obligatorio con el resultado "${hearing.outcome}"`);
  if (hearing.attendedOn !== null && hearing.attendedOn < hearing.requestedOn) fail('attendedOn: no puede ser anterior a la solicitud');
  if (hearing.attendedOn !== null && hearing.attendedOn > today) fail('attendedOn: no puede ser una fecha futura');
  if (hearing.outcome === 'canalizada' && hearing.channelledUnitCode === null) fail('channelledUnitCode: obligatorio cuando se canaliza a una unidad');
  if (hearing.outcome !== 'canalizada' && hearing.channelledUnitCode !== null) fail('channelledUnitCode: solo aplica a audiencias canalizadas');
}
