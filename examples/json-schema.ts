// JSON that follows a schema, with getJson.
//
// `npm run example -- json-schema`. Replays fixtures/cassettes/examples/json-schema.yaml.
import { OpenAIModel } from 'spark-models';
import { withCassette } from 'spark-models/cassette';

const model = new OpenAIModel({ modelId: 'gpt-4o' });

// A JSON Schema (a zod schema works too). OpenAI's structured outputs make the model follow
// it, and getJson checks the reply against it once more before you get it.
const answerSchema = {
  type: 'object',
  properties: {
    answer: { type: 'string', description: 'The answer to the question' },
    confidence: { type: 'number', description: 'Confidence score between 0 and 1' },
  },
  required: ['answer', 'confidence'],
};

const response = await withCassette('json-schema', { dir: 'fixtures/cassettes/examples' }, () =>
  model.getJson({
    messages: [{ role: 'user', content: [{ text: 'What is the capital of France? Be concise.' }] }],
    jsonSchema: answerSchema,
    schemaName: 'AnswerResponse',
  }),
);

// `text` is the JSON text, already checked against the schema: parse it into your own type.
console.log(response.text);
const { answer, confidence } = JSON.parse(response.text) as { answer: string; confidence: number };
console.log(`answer: ${answer} (confidence ${confidence})`);
