import 'reflect-metadata';
import { runService } from '@tequio/platform';
import { reportingService } from './reporting.definition';

runService(reportingService);
