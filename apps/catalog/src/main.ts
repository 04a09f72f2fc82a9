import 'reflect-metadata';
import { runService } from '@tequio/platform';
import { catalogService } from './catalog.definition';

runService(catalogService);
