/**
 * Token helpers: count tokens with each model's own tokenizer, estimate a conversation's
 * prompt tokens, look up context windows and truncate conversations to fit.
 */

// Counting
export { countTokens } from './count-tokens.js';
export { countMessageTokens } from './count-message-tokens.js';
export { getEncodingName } from './encoding-for-model.js';

// Context windows
export { getContextWindow } from './context-window.js';
export { truncateConversation } from './truncate-conversation.js';

// Types
export type { CountMessageTokensOptions } from './count-message-tokens.js';
export type { TokenEncodingName } from './encoding-for-model.js';
export type { TruncateConversationOptions } from './truncate-conversation.js';
