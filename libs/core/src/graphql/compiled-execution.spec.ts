import {
  execute,
  getOperationAST,
  GraphQLEnumType,
  GraphQLError,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { compiledExecutionGateway, withPlainFieldResolvers } from './compiled-execution.js';

// A schema shaped like Nest's code-first output: enums with internal values, required input fields with defaults,
// big platform ids as ID, a resolver that throws.
const Kind = new GraphQLEnumType({ name: 'Kind', values: { CODE: { value: 'code' }, PRODUCT: { value: 'product' } } });
const CampaignInput = new GraphQLInputObjectType({
  name: 'CampaignInput',
  fields: {
    name: { type: new GraphQLNonNull(GraphQLString) },
    kind: { type: new GraphQLNonNull(Kind), defaultValue: 'product' },
    limitPerPerson: { type: new GraphQLNonNull(GraphQLInt), defaultValue: 1 },
    tags: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))), defaultValue: [] },
    note: { type: GraphQLString, defaultValue: 'none' },
  },
});
const Campaign = new GraphQLObjectType({
  name: 'Campaign',
  fields: { name: { type: GraphQLString }, kind: { type: Kind }, limitPerPerson: { type: GraphQLInt }, tags: { type: new GraphQLList(GraphQLString) }, note: { type: GraphQLString } },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      echo: { type: Campaign, args: { input: { type: new GraphQLNonNull(CampaignInput) } }, resolve: (_r, a) => a.input },
      account: { type: GraphQLID, args: { id: { type: new GraphQLNonNull(GraphQLID) } }, resolve: (_r, a) => a.id },
      page: { type: GraphQLInt, args: { first: { type: new GraphQLNonNull(GraphQLInt) } }, resolve: (_r, a) => a.first },
      refused: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('not allowed');
        },
      },
    },
  }),
});

async function both(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = getOperationAST(document)!;
  const { executor } = await compiledExecutionGateway(() => schema).load({ apollo: {} as never });
  const compiled = await executor!({ document, operation, request: { variables }, context: {} } as never);
  const reference = await execute({ schema, document, variableValues: variables });
  return { compiled: JSON.parse(JSON.stringify(compiled)), reference: JSON.parse(JSON.stringify(reference)), errors: (compiled as { errors?: unknown[] }).errors };
}

describe('compiled GraphQL execution answers exactly as graphql-js', () => {
  it('applies the defaults of required input fields and keeps enum values', async () => {
    const { compiled, reference } = await both(`query($i: CampaignInput!) { echo(input: $i) { name kind limitPerPerson tags note } }`, { i: { name: 'Spring' } });
    expect(compiled).toEqual(reference);
    expect(compiled.data.echo).toEqual({ name: 'Spring', kind: 'PRODUCT', limitPerPerson: 1, tags: [], note: 'none' });
    const given = await both(`query($i: CampaignInput!) { echo(input: $i) { kind limitPerPerson } }`, { i: { name: 'x', kind: 'CODE', limitPerPerson: 3 } });
    expect(given.compiled).toEqual(given.reference);
    expect(given.compiled.data.echo).toEqual({ kind: 'CODE', limitPerPerson: 3 });
  });

  it('uses a variable default and keeps ids above 2^53 exact', async () => {
    const withDefault = await both(`query($n: Int! = 20) { page(first: $n) }`);
    expect(withDefault.compiled).toEqual({ data: { page: 20 } });
    const id = '18446744073709551615';
    const big = await both(`query($id: ID!) { account(id: $id) }`, { id });
    expect(big.compiled).toEqual({ data: { account: id } });
  });

  it('refuses wrong or missing variables with graphql-js errors that point at the variable', async () => {
    const wrong = await both(`query($n: Int!) { page(first: $n) }`, { n: 'many' });
    expect(wrong.compiled).toEqual(wrong.reference);
    expect((wrong.errors![0] as GraphQLError).nodes?.[0].kind).toBe('VariableDefinition');
    const missing = await both(`query($i: CampaignInput!) { echo(input: $i) { name } }`, { i: { kind: 'CODE' } });
    expect(missing.compiled).toEqual(missing.reference);
  });

  it('reports a resolver error with its path, location and original error', async () => {
    const { compiled, reference, errors } = await both(`{ refused page(first: 2) }`);
    expect(compiled).toEqual(reference);
    const error = errors![0] as GraphQLError;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions).toEqual({});
    expect(error.originalError?.message).toBe('not allowed');
  });
});

describe('plain field resolvers', () => {
  it("removes only resolvers that read the property of the field's own name", () => {
    function rootFieldResolver(root: Record<string, unknown>) {
      return root.title;
    }
    const renamed = rootFieldResolver; // reads another property than the field's name: kept
    const Item = new GraphQLObjectType({
      name: 'Item',
      fields: {
        title: { type: GraphQLString, resolve: rootFieldResolver },
        label: { type: GraphQLString, resolve: renamed },
        computed: { type: GraphQLString, resolve: () => 'x' },
      },
    });
    const s = withPlainFieldResolvers(new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { item: { type: Item } } }) }));
    const fields = (s.getType('Item') as GraphQLObjectType).getFields();
    expect(fields.title.resolve).toBeUndefined();
    expect(fields.label.resolve).toBe(renamed);
    expect(fields.computed.resolve).toBeDefined();
  });
});
