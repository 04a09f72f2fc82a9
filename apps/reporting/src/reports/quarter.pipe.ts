import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** A quarter in a path: 1 to 4. */
@Injectable()
export class QuarterPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const quarter = Number(value);
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new BadRequestException(`quarter: debe ser 1, 2, 3 o 4 (recibido "${value}")`);
    return quarter;
  }
}
