/** The message of an assertion that must fail, without colour codes; throws when it passes. */
export const failureOf = (assertion: () => void): string => {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message.replace(/\u001b\[[0-9;]*m/g, '');
  }
  throw new Error('expected the assertion to fail');
};
