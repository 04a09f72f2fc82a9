import { logLevel } from 'kafkajs';
import { kafkaLogLevel } from './kafka-client';

describe('kafkaLogLevel', () => {
  it.each([
    ['Response GroupCoordinator(key: 10, version: 2)', 'The group coordinator is not available'],
    ['Response InitProducerId(key: 22, version: 1)', "The coordinator is loading and hence can't process requests for this group"],
    ['Response Metadata(key: 3, version: 6)', 'There is no leader for this topic-partition as we are in the middle of a leadership election'],
    ['Response ListOffsets(key: 2, version: 3)', 'This server is not the leader for that topic-partition'],
  ])('turns "%s: %s" while the broker comes up into debug', (message, error) => {
    expect(kafkaLogLevel(logLevel.ERROR, { message, error })).toBe(logLevel.DEBUG);
  });

  it('keeps real errors as errors', () => {
    expect(kafkaLogLevel(logLevel.ERROR, { message: 'Response Produce', error: 'The request included a message larger than the max message size' })).toBe(
      logLevel.ERROR,
    );
    expect(kafkaLogLevel(logLevel.ERROR, { message: 'Connection error', error: 'connect ECONNREFUSED' })).toBe(logLevel.ERROR);
  });
});
