import { expect } from 'vitest';
import { ModelConfigurationError } from '../../src/model/errors.js';

/** Runs `fn`, which must throw a `ModelConfigurationError`, and returns that error. */
export function configError(fn: () => unknown): ModelConfigurationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelConfigurationError);
    return error as ModelConfigurationError;
  }
  throw new Error('expected a ModelConfigurationError');
}
