/** A string field of parsed JSON (a recorded Slack call's arguments, a pino log line): '' when it is missing or not a string. */
export const stringField = (json: Readonly<Record<string, unknown>> | undefined, key: string): string => {
  const value = json?.[key];
  return typeof value === 'string' ? value : '';
};
