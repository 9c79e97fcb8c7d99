/**
 * `npm run bench:login`: the CPU cost of a refused login for an unknown email (verified against a dummy hash)
 * and for a known email with a wrong password (verified against the real hash). They should be about equal,
 * so response time does not tell which addresses have accounts. Prints medians over N runs.
 */
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../libs/accounts/src/crypto/password-hasher.js';

const N = Number(process.argv[2] ?? 30);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < N; i++) {
    const start = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out;
}

const real = await hashPassword('the real password of a real user');
const dummy = await dummyPasswordHash();
const unknown = await time(() => verifyPassword('a guess', dummy));
const wrong = await time(() => verifyPassword('a guess', real));
const hashing = await time(() => hashPassword('a new password'));
console.log(`scrypt N=2^15 r=8 p=1, ${N} runs each`);
console.log(`unknown email (dummy hash):  median ${median(unknown).toFixed(1)} ms`);
console.log(`wrong password (real hash):  median ${median(wrong).toFixed(1)} ms`);
console.log(`ratio: ${(median(unknown) / median(wrong)).toFixed(3)}`);
console.log(`hashing a new password:      median ${median(hashing).toFixed(1)} ms`);
