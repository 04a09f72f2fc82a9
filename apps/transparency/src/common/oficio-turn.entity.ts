import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type OficioProcedure = 'solicitud' | 'recurso_revision';

/** An oficio turning a request or an appeal to a unit, with the unit's answer oficio once it arrives. */
@Entity({ name: 'oficio_turn' })
export class OficioTurn {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('text')
  procedure: OficioProcedure;

  /** The request or appeal turned. */
  @Column('uuid', { name: 'parent_id' })
  parentId: string;

  @Column('text', { name: 'unit_code' })
  unitCode: string;

  @Column('text', { name: 'oficio_number' })
  oficioNumber: string;

  @Column('date', { name: 'turned_on' })
  turnedOn: string;

  @Column('text', { name: 'answer_oficio_number', nullable: true })
  answerOficioNumber: string | null;

  @Column('date', { name: 'answered_on', nullable: true })
  answeredOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
