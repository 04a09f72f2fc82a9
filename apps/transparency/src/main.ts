import 'reflect-metadata';
import { runService } from '@tequio/platform';
import { transparencyService } from './transparency.definition';

runService(transparencyService);
