import { describeAuthorizationMatrix } from '@tequio/testing';
import { reportingService } from '../src/reporting.definition';

describeAuthorizationMatrix(reportingService);
