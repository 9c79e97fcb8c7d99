import { Inject } from '@nestjs/common';
import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@renown/accounts';
import { APP_CONFIG, type AppConfig } from '@renown/core';

@ObjectType({ description: 'What this Renown server offers, for the console to adapt to.' })
export class ServerInfo {
  @Field({ description: 'False when no Stripe keys are configured: every brand then has every feature.' })
  billingEnabled: boolean;

  @Field({ description: '"smtp" when SMTP_URL is set; "local" when mail is kept in the database and shown at /dev/mail.' })
  mailMode: string;
}

@Resolver()
export class SystemResolver {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Query(() => ServerInfo, { description: 'Public: how this server is set up.' })
  serverInfo(): ServerInfo {
    return { billingEnabled: this.config.billingEnabled, mailMode: this.config.smtpEnabled ? 'smtp' : 'local' };
  }
}
