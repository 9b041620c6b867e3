import { InvalidArgumentError } from 'commander';

/** Commander parsers: a bad value stops the command with a clear message and exit code 2. */
export function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) <= 0) {
    throw new InvalidArgumentError('Must be a positive integer.');
  }
  return Number(value);
}

export function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError('Must be a whole number.');
  }
  return Number(value);
}

export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('Must be a date as YYYY-MM-DD.');
  return value;
}

export function month(value: string): string {
  if (!/^\d{1,2}$/.test(value) || Number(value) < 1 || Number(value) > 12) {
    throw new InvalidArgumentError('Must be a month, 1 to 12.');
  }
  return value;
}

export function year(value: string): string {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('Must be a year, YYYY.');
  return value;
}
