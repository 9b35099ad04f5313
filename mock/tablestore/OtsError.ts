/** An error answered the way Tablestore does: an HTTP status and a protobuf `Error {code, message}`. */
export class OtsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The service's answer to a request it will not run as sent (400 OTSParameterInvalid). */
export const invalid = (text: string) => new OtsError(400, 'OTSParameterInvalid', text);
export const conditionFailed = () => new OtsError(403, 'OTSConditionCheckFail', 'Condition check failed.');
export const rowConflict = () => new OtsError(409, 'OTSRowOperationConflict', 'Data is being modified by the other request.');
