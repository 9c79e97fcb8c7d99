import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getVariableValues,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  ValidationContext,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../errors/app-error.js';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 5_000;

/** Refuses documents nested deeper than `max` fields (introspection's own fields are not counted). */
export function depthLimit(max: number) {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const measure = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
      if (!set) return depth;
      let deepest = depth;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          const field = sel as FieldNode;
          if (field.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, measure(field.selectionSet, depth + 1, seen));
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, measure(sel.selectionSet, depth, seen));
        } else if (sel.kind === Kind.FRAGMENT_SPREAD && !seen.has(sel.name.value)) {
          const frag = fragments.get(sel.name.value);
          deepest = Math.max(deepest, measure(frag?.selectionSet, depth, new Set([...seen, sel.name.value])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node: OperationDefinitionNode) {
        const depth = measure(node.selectionSet, 0, new Set());
        if (depth > max) {
          context.reportError(
            new GraphQLError(`Query is nested ${depth} levels deep; the limit is ${max}.`, {
              nodes: [node],
              extensions: { code: ErrorCode.BAD_USER_INPUT },
            }),
          );
        }
      },
    };
  };
}

/**
 * Refuses operations whose estimated cost exceeds `max`. Fields cost 1 each unless they declare
 * `complexity` (list fields multiply by their `first`/`limit` argument).
 */
export function costLimitPlugin(max: number): ApolloServerPlugin {
  // Apollo hands the same parsed document back for the same query text: its cost per (operation, variables)
  // is kept with it, so a query asked again (every page of a console view) is not walked again.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          const key = `${request.operationName ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let known = costs.get(document);
          let cost = known?.get(key);
          if (cost === undefined) {
            // Wrong or missing variables cannot be costed (the estimator threw, a 500): execution refuses them with
            // graphql-js's message naming the variable, as BAD_USER_INPUT (400). Only costed variables are kept.
            if (operation && getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 }).errors) return;
            cost = getComplexity({
              schema,
              operationName: request.operationName,
              query: document,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
            if (!known) costs.set(document, (known = new Map()));
            if (known.size >= 64) known.clear();
            known.set(key, cost);
          }
          if (cost > max) {
            throw new GraphQLError(`Query is too expensive: cost ${cost}, the limit is ${max}. Ask for fewer items or fields.`, {
              extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** Cost of a list field: its page size times the cost of each item. */
export const listComplexity = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }) =>
  Number(args.first ?? args.limit ?? 20) * Math.max(1, childComplexity);
