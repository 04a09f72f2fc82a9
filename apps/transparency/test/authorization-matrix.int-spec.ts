import { describeAuthorizationMatrix } from '@tequio/testing';
import { DEFAULT_TRANSPARENCY_UNIT } from '../src/settings/settings.repository';
import { transparencyService } from '../src/transparency.definition';

// Requests, appeals and the rest are handled by the Transparency Unit's staff: the tokens belong to it.
describeAuthorizationMatrix(transparencyService, { env: { TRANSPARENCY_DEADLINE_JOB_MS: '0' }, units: [DEFAULT_TRANSPARENCY_UNIT] });
