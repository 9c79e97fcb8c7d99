import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DevMailController } from './dev-mail.controller.js';
import { MailDeliveryJobs } from './mail-delivery.jobs.js';
import { MailOutbox } from './mail-outbox.js';
import { MailSuppressions } from './mail-suppressions.js';
import { MailTransport } from './mail-transport.js';

/**
 * Mail for every domain. `forRoot('api')`: MailOutbox, MailSuppressions and the /dev/mail page.
 * `forRoot('worker')`: the same plus delivery (the `mail.send` job and the `mail.sweep` cron).
 */
@Global()
@Module({})
export class MailModule {
  static forRoot(role: 'api' | 'worker'): DynamicModule {
    return {
      module: MailModule,
      controllers: role === 'api' ? [DevMailController] : [],
      providers: [MailOutbox, MailSuppressions, ...(role === 'worker' ? [MailTransport, MailDeliveryJobs] : [])],
      exports: [MailOutbox, MailSuppressions],
    };
  }
}
