import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import { formatGraphqlError } from '../errors/format-graphql-error.js';
import { compiledExecutionGateway, withPlainFieldResolvers } from './compiled-execution.js';
import { costLimitPlugin, depthLimit, MAX_QUERY_COST, MAX_QUERY_DEPTH } from './query-limits.js';

/**
 * Code-first GraphQL on Apollo Server at /graphql. The schema lives in memory; `npm run schema` prints it
 * to apps/api/schema.gql and a test fails when the committed file differs.
 */
@Module({})
export class GraphqlRootModule {
  static forRoot(): DynamicModule {
    return {
      module: GraphqlRootModule,
      imports: [
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          useFactory: () => {
            let schema: GraphQLSchema | undefined;
            return {
              path: '/graphql',
              autoSchemaFile: true,
              sortSchema: true,
              introspection: true,
              playground: false,
              includeStacktraceInErrorResponses: false,
              context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
              formatError: formatGraphqlError,
              validationRules: [depthLimit(MAX_QUERY_DEPTH)],
              // No cache hints are used (every answer is per brand and `no-store`): the cache-control plugin would
              // only wrap every field resolver of every request.
              plugins: [costLimitPlugin(MAX_QUERY_COST), ApolloServerPluginCacheControlDisabled()],
              // Compact JSON: Apollo's default indents every response, which for a page of 50 results took a third
              // more bytes and as long to write as executing the query (browsers and clients parse either alike).
              stringifyResult: (result: unknown) => JSON.stringify(result),
              // Operations run compiled (graphql-jit) on the schema Nest built, minus its per-field pass-through resolvers.
              transformSchema: (built: GraphQLSchema) => (schema = withPlainFieldResolvers(built)),
              gateway: compiledExecutionGateway(() => {
                if (!schema) throw new Error('The GraphQL schema was not built before Apollo started');
                return schema;
              }),
            };
          },
        }),
      ],
    };
  }
}
