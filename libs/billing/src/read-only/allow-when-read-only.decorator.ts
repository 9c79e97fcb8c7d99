import { SetMetadata } from '@nestjs/common';

/** Metadata key (a plain string so any module can set it without importing billing). */
export const ALLOW_WHEN_READ_ONLY = 'renown:billing:allow-when-read-only';

/** This mutation still works while the brand is read-only (paying, leaving the read-only state). */
export const AllowWhenReadOnly = () => SetMetadata(ALLOW_WHEN_READ_ONLY, true);
