import { Type, type Static } from '@sinclair/typebox';
import { categories } from '../Entity';

/** A scenario as a merchant writes it in the console (the id is the path's). */
export const ScenarioInput = Type.Object(
  {
    category: Type.Union(categories.map((c) => Type.Literal(c))),
    name: Type.String({ minLength: 1, maxLength: 32 }),
    examples: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 50 }),
    screenTexts: Type.Optional(Type.Array(Type.String({ minLength: 2, maxLength: 32 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type ScenarioInput = Static<typeof ScenarioInput>;

/** `category.name`: letters, digits and _ after the category. */
export const SCENARIO_ID = /^[a-z]+\.[A-Za-z0-9_]{1,64}$/;
