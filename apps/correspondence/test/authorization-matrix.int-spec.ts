import { describeAuthorizationMatrix } from '@tequio/testing';
import { correspondenceService } from '../src/correspondence.definition';

describeAuthorizationMatrix(correspondenceService);
