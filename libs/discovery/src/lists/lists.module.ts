import { Module } from '@nestjs/common';
import { SearchModule } from '../search/search.module.js';
import { ListedAccountReader } from './accounts/listed-account.reader.js';
import { ShortlistCsvController } from './export/shortlist-csv.controller.js';
import { ShortlistCsvService } from './export/shortlist-csv.service.js';
import { LookalikesResolver } from './graphql/lookalikes.resolver.js';
import { ShortlistsResolver } from './graphql/shortlists.resolver.js';
import { LookalikeRepository } from './lookalikes/lookalike.repository.js';
import { LookalikeService } from './lookalikes/lookalike.service.js';
import { ShortlistRepository } from './shortlists/shortlist.repository.js';
import { ShortlistService } from './shortlists/shortlist.service.js';

/**
 * Shortlists (notes, tags, CSV export) and "more like this" lookalikes. API only: no jobs. Campaign
 * targeting by a shortlist reads shortlist_entries from libs/campaigns/src/invitations/targeting.ts.
 */
@Module({
  imports: [SearchModule],
  providers: [ShortlistRepository, ShortlistService, ListedAccountReader, ShortlistCsvService, LookalikeRepository, LookalikeService, ShortlistsResolver, LookalikesResolver],
  controllers: [ShortlistCsvController],
  exports: [ShortlistService, LookalikeService],
})
export class ListsModule {}
