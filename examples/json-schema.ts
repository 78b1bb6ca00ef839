// JSON that follows a schema, with getJson.
//
// `npm run example -- json-schema`. Replays fixtures/cassettes/examples/json-schema.yaml.
import { OpenAIModel } from 'spark-models';
import { withCassette } from 'spark-models/cassette';

const model = new OpenAIModel({ modelId: 'gpt-4o' });

// A JSON Schema (a zod schema works too, and types `parsed` by itself). OpenAI's structured
// outputs make the model follow it, and getJson checks the reply against it once more.
const answerSchema = {
  type: 'object',
  properties: {
    answer: { type: 'string', description: 'The answer to the question' },
    confidence: { type: 'number', description: 'Confidence score between 0 and 1' },
  },
  required: ['answer', 'confidence'],
};
interface Answer {
  answer: string;
  confidence: number;
}

const response = await withCassette('json-schema', { dir: 'fixtures/cassettes/examples' }, () =>
  model.getJson<Answer>({
    messages: [{ role: 'user', content: [{ text: 'What is the capital of France? Be concise.' }] }],
    jsonSchema: answerSchema,
    schemaName: 'AnswerResponse',
  }),
);

// `text` is the JSON as the model sent it; `parsed` is that JSON checked against the schema.
console.log(response.text);
const { answer, confidence } = response.parsed;
console.log(`answer: ${answer} (confidence ${confidence})`);
