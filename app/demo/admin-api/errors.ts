import {
  Kind,
  visit,
  type DocumentNode,
  type GraphQLError,
  type ASTNode,
} from "graphql";

// Shopify's Admin API runs on graphql-ruby, whose validation messages and codes differ from graphql-js.
// Clients (and our own error handling) key on `extensions.code`, so the common ones are translated.

export type ShopifyGraphQLError = {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
};

/** The path graphql-ruby reports for a validation error: operation, then field names down to the node. */
function staticPath(
  document: DocumentNode,
  target: ASTNode | undefined
): string[] | undefined {
  if (!target) return undefined;
  const stack: string[] = [];
  let found: string[] | undefined;
  visit(document, {
    enter(node) {
      if (found) return false;
      if (node.kind === Kind.OPERATION_DEFINITION)
        stack.push(
          `${node.operation}${node.name ? ` ${node.name.value}` : ""}`
        );
      else if (node.kind === Kind.FRAGMENT_DEFINITION)
        stack.push(`fragment ${node.name.value}`);
      else if (node.kind === Kind.FIELD) stack.push(node.name.value);
      else if (node.kind === Kind.INLINE_FRAGMENT)
        stack.push(`... on ${node.typeCondition?.name.value ?? ""}`);
      if (node === target) found = [...stack];
      return undefined;
    },
    leave(node) {
      if (
        node.kind === Kind.OPERATION_DEFINITION ||
        node.kind === Kind.FRAGMENT_DEFINITION ||
        node.kind === Kind.FIELD ||
        node.kind === Kind.INLINE_FRAGMENT
      ) {
        stack.pop();
      }
    },
  });
  return found;
}

export function shopifyValidationError(
  error: GraphQLError,
  document: DocumentNode | null
): ShopifyGraphQLError {
  const base: ShopifyGraphQLError = {
    message: error.message,
    ...(error.locations
      ? {
          locations: error.locations.map(({ line, column }) => ({
            line,
            column,
          })),
        }
      : {}),
  };
  const path = document ? staticPath(document, error.nodes?.[0]) : undefined;
  if (path) base.path = path;
  let m = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(error.message);
  if (m) {
    return {
      ...base,
      message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
      extensions: { code: "undefinedField", typeName: m[2], fieldName: m[1] },
    };
  }
  m = /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"/.exec(error.message);
  if (m) {
    return {
      ...base,
      message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
      extensions: {
        code: "argumentNotAccepted",
        name: m[3],
        typeName: "Field",
        argumentName: m[1],
      },
    };
  }
  m = /^Field "(\w+)" argument "(\w+)" of type "([^"]+)" is required/.exec(
    error.message
  );
  if (m) {
    return {
      ...base,
      message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
      extensions: {
        code: "missingRequiredArguments",
        className: "Field",
        name: m[1],
        arguments: m[2],
      },
    };
  }
  m = /^Unknown type "(\w+)"/.exec(error.message);
  if (m) {
    return {
      ...base,
      message: `No such type ${m[1]}, so it can't be a fragment condition`,
      extensions: { code: "undefinedType", typeName: m[1] },
    };
  }
  m =
    /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields/.exec(
      error.message
    );
  if (m) {
    return {
      ...base,
      message: `Field must have selections (field '${
        m[1]
      }' returns ${m[2].replace(/[!\[\]]/g, "")} but has no selections.)`,
      extensions: {
        code: "selectionMismatch",
        nodeName: `field '${m[1]}'`,
        typeName: m[2].replace(/[!\[\]]/g, ""),
      },
    };
  }
  return base;
}

/** An execution error (resolver or non-null violation), in the shape Shopify returns it. */
export function shopifyExecutionError(
  error: GraphQLError
): ShopifyGraphQLError {
  return {
    message: error.message,
    ...(error.locations
      ? {
          locations: error.locations.map(({ line, column }) => ({
            line,
            column,
          })),
        }
      : {}),
    ...(error.path ? { path: [...error.path] } : {}),
    ...(error.extensions && Object.keys(error.extensions).length
      ? { extensions: { ...error.extensions } }
      : {}),
  };
}
