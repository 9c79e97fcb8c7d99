import { execFileSync } from 'node:child_process';

// The console has its own tsconfig (DOM + bundler resolution), outside the root typecheck: checked here.
describe('apps/console sources', () => {
  it('has generated GraphQL types that match apps/api/schema.gql and its operations (run `npm run codegen:console`)', () => {
    expect(() => execFileSync(process.execPath, ['apps/console/codegen.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('type-checks against the generated types', () => {
    let output = '';
    try {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'apps/console/tsconfig.json'], { stdio: 'pipe' });
    } catch (e: any) {
      output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    expect(output).toBe('');
  });
});
