/**
 * Child process for the crash test: imports one file with small batches, slowed down after each batch so the
 * parent can kill it mid-way. Args: <databaseUrl> <file> <batchSize> <pauseMs>.
 */
import pg from 'pg';
import { GraphImporter } from '@renown/ingestion';

const [url, file, batchSize, pauseMs] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 2 });
const pause = new Int32Array(new SharedArrayBuffer(4));
const result = await new GraphImporter(pool).ingestFile(file, {
  batchSize: Number(batchSize),
  onProgress: () => Atomics.wait(pause, 0, 0, Number(pauseMs)),
});
console.log(JSON.stringify(result.counts));
await pool.end();
