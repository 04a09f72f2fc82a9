import { describePoisonDrill } from '@tequio/testing';
import { catalogService } from '../src/catalog.definition';

describePoisonDrill(catalogService);
