import { AppError, ErrorCode } from '@renown/core';

/** Every failure the ingestion library reports to a user (CLI or GraphQL). */
export class IngestionError extends AppError {
  static unknownFormat(file: string, why: string, formats: string[]) {
    return new IngestionError(
      ErrorCode.BAD_USER_INPUT,
      `${file} is not in a known format: ${why}. Nothing was imported. Known formats: ${formats.join(', ')}; pass --format <name> if detection is wrong.`,
      { file, reason: 'UNKNOWN_FORMAT' },
    );
  }

  static formatMismatch(file: string, wanted: string, detected: string | null) {
    return new IngestionError(
      ErrorCode.BAD_USER_INPUT,
      `${file} does not look like ${wanted}${detected ? ` (it looks like ${detected})` : ''}. Nothing was imported. Drop --format to let the importer detect it.`,
      { file, reason: 'FORMAT_MISMATCH', wanted, detected },
    );
  }

  static unknownFormatName(name: string, formats: string[]) {
    return new IngestionError(ErrorCode.BAD_USER_INPUT, `unknown format "${name}": use one of ${formats.join(', ')}`, { reason: 'UNKNOWN_FORMAT_NAME' });
  }

  static alreadyRunning(file: string) {
    return new IngestionError(ErrorCode.CONFLICT, `an import of ${file} is already running; wait for it to finish (it resumes where it stopped if it crashed)`, { file });
  }

  static nothingToImport(path: string) {
    return new IngestionError(ErrorCode.BAD_USER_INPUT, `no file in a known format in ${path}; nothing was imported`, { path });
  }

  static runNotFound(id: string) {
    return new IngestionError(ErrorCode.NOT_FOUND, `import run ${id} was not found`, { id });
  }
}
