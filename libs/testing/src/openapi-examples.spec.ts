import { exampleValue } from './openapi-examples';

describe('exampleValue', () => {
  const document = {
    components: {
      schemas: {
        Sender: { type: 'object', properties: { name: { type: 'string', example: 'María' }, phone: { type: 'string', nullable: true, example: null } }, required: ['name'] },
      },
    },
  };

  it('builds a body from the stated examples: required fields, optional ones with an example, none with a null one', () => {
    const schema = {
      type: 'object',
      properties: {
        sender: { $ref: '#/components/schemas/Sender' },
        channel: { type: 'string', enum: ['ventanilla', 'correo'], example: 'correo' },
        note: { type: 'string' },
        turns: { type: 'array', items: { type: 'object', properties: { unitCode: { type: 'string', example: '801' } } } },
        days: { type: 'integer', minimum: 1 },
      },
      required: ['sender', 'days', 'turns'],
    };
    expect(exampleValue(schema, document)).toEqual({ sender: { name: 'María' }, channel: 'correo', turns: [{ unitCode: '801' }], days: 1 });
  });

  it('replaces a field by name with the value given (a record that exists), at any depth', () => {
    const schema = { type: 'object', properties: { turnId: { type: 'string', format: 'uuid', example: '5a1d7c3e-9b2f-4e8a-8c6d-2f1e0b9a7c35' }, sender: { $ref: '#/components/schemas/Sender' } }, required: ['turnId', 'sender'] };
    expect(exampleValue(schema, document, { turnId: 'real-turn', name: 'Rosa' })).toEqual({ turnId: 'real-turn', sender: { name: 'Rosa' } });
  });
});
