import { describePoisonDrill } from '@tequio/testing';
import { reportingService } from '../src/reporting.definition';

describePoisonDrill(reportingService);
