/**
 * Lists: shortlists with notes and tags, their CSV export (GET /shortlists/:id/export.csv) and "more like
 * this" lookalikes. Register ListsModule in the API. Campaigns target a shortlist by `targeting.shortlistId`.
 */
export { ListsModule } from './lists.module.js';
export { ShortlistService } from './shortlists/shortlist.service.js';
export { LookalikeService } from './lookalikes/lookalike.service.js';
export { LOOKALIKE_MODEL_VERSION } from './lookalikes/score-lookalikes.js';
export { csvSafeText } from './export/csv-safe-cell.js';
