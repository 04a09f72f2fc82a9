import { describePoisonDrill } from '@tequio/testing';
import { transparencyService } from '../src/transparency.definition';

describePoisonDrill(transparencyService);
