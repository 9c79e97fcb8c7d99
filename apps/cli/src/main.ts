#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { describeFailure } from './describe-failure.js';
import { migrateCommand } from './commands/migrate.command.js';
import { schemaCommand } from './commands/schema.command.js';
import { evalScoreCommand } from './commands/eval-score.command.js';
import { generateCommand } from './commands/generate.command.js';
import { connectCommand } from './commands/connect.command.js';
import { startCommand } from './commands/start.command.js';
import { operatorCommand } from './commands/operator.command.js';
import { evalTopicsCommand } from './commands/eval-topics.command.js';
import { evalNetworksCommand } from './commands/eval-networks.command.js';
import { ingestCommand } from './commands/ingest.command.js';
import { billingCommand } from './commands/billing.command.js';
import { audienceQualityCommand } from './commands/audience-quality.command.js';
import { crawlCommand } from './commands/crawl.command.js';

const program = new Command('renown')
  .description('Renown: find the people who move opinion in a vertical, and reward them with perks')
  .addCommand(startCommand)
  .addCommand(migrateCommand)
  .addCommand(operatorCommand)
  .addCommand(schemaCommand)
  .addCommand(generateCommand)
  .addCommand(connectCommand)
  .addCommand(evalTopicsCommand)
  .addCommand(evalScoreCommand)
  .addCommand(evalNetworksCommand)
  .addCommand(ingestCommand)
  .addCommand(audienceQualityCommand)
  .addCommand(crawlCommand)
  .addCommand(billingCommand);

// Every failure ends with one line naming the problem and exit code 1; the stack only with LOG_LEVEL=debug.
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
program.parseAsync(process.argv).catch(fail);

function fail(err: unknown): never {
  console.error(`renown: ${describeFailure(err)}`);
  if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') console.error(err);
  process.exit(1);
}
