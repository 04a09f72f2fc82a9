import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface CalendarChange {
  tenant: string;
  year: number;
  /** The transaction that stored the new calendar: a listener's writes commit (or retry) with it. */
  manager: EntityManager;
}

export type CalendarChangeListener = (change: CalendarChange) => Promise<void>;

/**
 * Features that derive dates from the calendar (due dates of open requests, of turned documents) register here
 * to recompute them when a municipality's calendar changes, in the same transaction as the replica update.
 */
@Injectable()
export class CalendarChangeListeners {
  private readonly listeners: CalendarChangeListener[] = [];

  register(listener: CalendarChangeListener): void {
    this.listeners.push(listener);
  }

  async notify(change: CalendarChange): Promise<void> {
    for (const listener of this.listeners) await listener(change);
  }
}
