/** The API's error body is the domain error's (core/model/errors.ts); these names stay for the transports and the renderer. */
export { DomainError as ApiError, fromZod, type ErrorCode as ApiErrorCode, type ErrorBody as ApiErrorBody } from '../model/errors';
