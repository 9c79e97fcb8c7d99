import { basename } from 'node:path';
import { Command } from 'commander';
import { getTopicClassifier, multiLabelReport, readTweetTopicJsonl, trainingFiles } from '@renown/scoring/topics/index.js';

const pct = (x: number) => x.toFixed(3);

/**
 * Classifies each labelled tweet with the shipped classifier (ontology lexicon + the small model fitted on the
 * shipped training split), maps its topics to the 19 TweetTopic labels through data/tweet-topic-to-klout.json,
 * and prints per-label precision/recall, then micro-F1 and macro-F1 as the last two lines.
 */
export const evalTopicsCommand = new Command('eval-topics')
  .description('measure topic classification on TweetTopic-format JSONL (per-label P/R, then micro-F1 and macro-F1)')
  .argument('<files...>', 'JSONL files in the tweet-topic-xl format (e.g. tweet-topic-xl/es_test.jsonl)')
  .action((files: string[]) => {
    const trained = new Set(trainingFiles().map((f) => basename(f)));
    for (const f of files) {
      if (trained.has(basename(f))) console.warn(`warning: ${basename(f)} is the model's training split; its figures are not a held-out measure`);
    }
    const examples = files.flatMap((f) => readTweetTopicJsonl(f));
    if (!examples.length) throw new Error('no labelled tweets in the given file(s)');
    const classifier = getTopicClassifier();
    const predicted = examples.map((e) => classifier.tweetTopicLabels(e.text));
    const report = multiLabelReport(
      examples.map((e) => e.labels),
      predicted,
    );
    console.log(`${report.examples} tweets from ${files.map((f) => basename(f)).join(', ')}`);
    console.log(`${'label'.padEnd(26)} ${'support'.padStart(7)} ${'predicted'.padStart(9)} precision recall`);
    for (const l of report.perLabel) {
      console.log(`${l.label.padEnd(26)} ${String(l.support).padStart(7)} ${String(l.predicted).padStart(9)} ${pct(l.precision).padStart(9)} ${pct(l.recall).padStart(6)}`);
    }
    console.log(`micro-F1 ${pct(report.microF1)}`);
    console.log(`macro-F1 ${pct(report.macroF1)}`);
  });
