import type { JSONSchema } from '../../src/model/types.js';

/** The reference document's city schema: `landmarks` is the one optional property. */
export const citySchema: JSONSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    country: { type: 'string' },
    population: { type: 'integer' },
    landmarks: { type: 'array', items: { type: 'string' } },
  },
  required: ['name', 'country', 'population'],
};

/** The value type of `citySchema`. */
export interface City {
  name: string;
  country: string;
  population: number;
  landmarks?: string[];
}
