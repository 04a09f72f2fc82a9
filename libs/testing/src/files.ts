import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A PDF of exactly `size` bytes (header, random body, trailer): enough for the content check. */
export function pdfOf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}

/** A Windows executable (MZ header), to be sent under an innocent name such as `oficio.pdf`. */
export function disguisedExecutable(bodyBytes = 2048): Buffer {
  return Buffer.concat([Buffer.from('MZ'), Buffer.from('90000300000004000000ffff0000b8', 'hex'), randomBytes(bodyBytes)]);
}

/** supertest parser that keeps a download's bytes as one Buffer: `.buffer(true).parse(binaryParser as never)`. */
export function binaryParser(response: IncomingMessage, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
