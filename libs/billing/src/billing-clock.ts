import { Injectable } from '@nestjs/common';

/** The time, behind an injectable so grace periods and trials can be tested without waiting days. */
@Injectable()
export class BillingClock {
  now(): Date {
    return new Date();
  }
}
