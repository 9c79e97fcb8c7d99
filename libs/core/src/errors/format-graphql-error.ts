import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { logger } from '../logging/logger.js';
import { AppError, ErrorCode } from './app-error.js';

const HTTP_TO_CODE: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  429: ErrorCode.RATE_LIMITED,
};

/**
 * Maps every thrown error to a stable `extensions.code`. Unknown errors are logged with their stack and
 * reach the client only as INTERNAL_SERVER_ERROR, never with internals.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const path = formatted.path;
  if (original instanceof AppError) {
    return { message: original.message, path, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof HttpException) {
    const status = original.getStatus();
    const response = original.getResponse() as { message?: string | string[] } | string;
    const message =
      typeof response === 'string'
        ? response
        : Array.isArray(response.message)
          ? response.message.join('; ')
          : (response.message ?? original.message);
    return { message, path, extensions: { code: HTTP_TO_CODE[status] ?? ErrorCode.INTERNAL_SERVER_ERROR } };
  }
  // A validation rule of ours (query depth) sets a stable code; Apollo would relabel it GRAPHQL_VALIDATION_FAILED.
  const ownCode = original instanceof GraphQLError ? (original.extensions?.code as string | undefined) : undefined;
  if (ownCode && ownCode in ErrorCode) return { message: formatted.message, locations: formatted.locations, extensions: { code: ownCode } };
  const code = formatted.extensions?.code as string | undefined;
  if (!original || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_USER_INPUT') {
    return { ...formatted, extensions: { code: code === 'BAD_USER_INPUT' || !code ? ErrorCode.BAD_USER_INPUT : code } };
  }
  logger.error({ err: original, path }, 'unhandled error in GraphQL resolver');
  return { message: 'Internal server error', path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
