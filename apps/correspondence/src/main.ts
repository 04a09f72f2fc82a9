import 'reflect-metadata';
import { runService } from '@tequio/platform';
import { correspondenceService } from './correspondence.definition';

runService(correspondenceService);
