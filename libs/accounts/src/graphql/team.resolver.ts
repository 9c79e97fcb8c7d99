import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { BrandRole, type UserActor } from '../auth/actor.js';
import { CurrentActor, CurrentBrand, Public, Roles, UsersOnly } from '../auth/auth.decorators.js';
import type { BrandId } from '../brand-scope/brand-id.js';
import { TeamService } from '../team/team.service.js';
import { AcceptTeamInvitationInput, AcceptTeamInvitationResult, TeamInvitation, TeamMember } from './account.models.js';
import { type GqlContext, requestMeta, setSessionCookie } from './request-context.js';
import { toInvitation, toMember, ViewerService } from './viewer.service.js';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@renown/core';

const MANAGERS = [BrandRole.OWNER, BrandRole.ADMIN];

@Resolver()
export class TeamResolver {
  constructor(
    private readonly team: TeamService,
    private readonly viewers: ViewerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @UsersOnly()
  @Query(() => [TeamMember], { description: 'The people in the current brand, with their roles.' })
  async teamMembers(@CurrentBrand() brandId: BrandId): Promise<TeamMember[]> {
    return (await this.team.listMembers(brandId)).map(toMember);
  }

  @Roles(...MANAGERS)
  @Query(() => [TeamInvitation], { description: 'Invitations not yet accepted, revoked or expired. Owners and admins.' })
  async teamInvitations(@CurrentBrand() brandId: BrandId): Promise<TeamInvitation[]> {
    return (await this.team.listInvitations(brandId)).map(toInvitation);
  }

  @Roles(...MANAGERS)
  @Mutation(() => TeamInvitation, { description: 'Emails a one-time link (valid 7 days) to join the brand with a role. Only owners can invite owners.' })
  async inviteTeamMember(
    @Args('email') email: string,
    @Args('role', { type: () => BrandRole }) role: BrandRole,
    @CurrentActor() actor: UserActor,
    @CurrentBrand() brandId: BrandId,
  ): Promise<TeamInvitation> {
    return toInvitation(await this.team.invite(actor, brandId, email, role));
  }

  @Roles(...MANAGERS)
  @Mutation(() => TeamInvitation, { description: 'Cancels a pending invitation; its link stops working.' })
  async revokeTeamInvitation(@Args('id', { type: () => ID }) id: string, @CurrentBrand() brandId: BrandId): Promise<TeamInvitation> {
    return toInvitation(await this.team.revokeInvitation(brandId, id));
  }

  @Public()
  @Mutation(() => AcceptTeamInvitationResult, { description: 'Public. Joins the brand with the token from the emailed link; creates the account (name, password) if needed.' })
  async acceptTeamInvitation(@Args('input') input: AcceptTeamInvitationInput, @Context() ctx: GqlContext): Promise<AcceptTeamInvitationResult> {
    const accepted = await this.team.accept(input.token, input.name, input.password, requestMeta(ctx.req));
    const brand = await this.viewers.brand(accepted.brandId);
    if (!accepted.loggedIn) return { brand, role: accepted.role, session: null };
    const { session, userId } = accepted.loggedIn;
    setSessionCookie(ctx, this.config, session.token, session.expiresAt);
    return {
      brand,
      role: accepted.role,
      session: { token: session.token, expiresAt: session.expiresAt, viewer: await this.viewers.forUser(userId, accepted.brandId) },
    };
  }

  @Roles(...MANAGERS)
  @Mutation(() => TeamMember, { description: "Changes a member's role. Only owners can grant or take away owner; a brand keeps at least one owner." })
  async changeMemberRole(
    @Args('userId', { type: () => ID }) userId: string,
    @Args('role', { type: () => BrandRole }) role: BrandRole,
    @CurrentActor() actor: UserActor,
    @CurrentBrand() brandId: BrandId,
  ): Promise<TeamMember> {
    return toMember(await this.team.changeRole(actor, brandId, userId, role));
  }

  @Roles(...MANAGERS)
  @Mutation(() => Boolean, { description: 'Removes a person from the brand; their access ends at once.' })
  async removeMember(@Args('userId', { type: () => ID }) userId: string, @CurrentActor() actor: UserActor, @CurrentBrand() brandId: BrandId): Promise<boolean> {
    await this.team.remove(actor, brandId, userId);
    return true;
  }
}
