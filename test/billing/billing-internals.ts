// Services the tests reach into (the enforcement API is public; the meter sender is internal to billing).
export { EntitlementsService, UsageService } from '../../libs/billing/src/index.js';
export { MeterReportingService as MeterReportingServiceForTests } from '../../libs/billing/src/services/meter-reporting.service.js';
