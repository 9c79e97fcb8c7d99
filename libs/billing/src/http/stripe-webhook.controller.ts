import { Controller, Headers, HttpCode, Post, type RawBodyRequest, Req } from '@nestjs/common';
import type { Request } from 'express';
import { StripeWebhookService } from '../services/stripe-webhook.service.js';

/** Stripe calls this; the signature on the raw body is the authentication (no Renown login). */
@Controller('webhooks')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  @Post('stripe')
  @HttpCode(200)
  async receive(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature: string | undefined) {
    const { eventId, outcome } = await this.webhooks.handle(req.rawBody, signature);
    return { received: true, eventId, outcome };
  }
}
