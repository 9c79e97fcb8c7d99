import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { BrandRole } from '../auth/actor.js';
import { CurrentBrand, Roles } from '../auth/auth.decorators.js';
import type { BrandId } from '../brand-scope/brand-id.js';
import { BrandsService } from '../brands/brands.service.js';
import { Brand, UpdateBrandInput } from './account.models.js';
import { toBrand } from './viewer.service.js';

@Resolver(() => Brand)
export class BrandResolver {
  constructor(private readonly brands: BrandsService) {}

  @Query(() => Brand, { description: 'The brand the caller acts for.' })
  async brand(@CurrentBrand() brandId: BrandId): Promise<Brand> {
    return toBrand(await this.brands.getOrFail(brandId));
  }

  @Roles(BrandRole.OWNER, BrandRole.ADMIN)
  @Mutation(() => Brand, { description: "Renames the current brand. Owners and admins." })
  async updateBrand(@Args('input') input: UpdateBrandInput, @CurrentBrand() brandId: BrandId): Promise<Brand> {
    return toBrand(await this.brands.rename(brandId, input.name));
  }
}
