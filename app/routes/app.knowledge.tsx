import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { authenticateAdmin } from "../auth.server";
import { LOCALE_OPTIONS } from "../chat/i18n/format";
import type { Conflict } from "../knowledge/consistency";
import { knowledgeConflicts } from "../knowledge/consistency.server";
import { ArticleInput, createArticle, deleteArticle, listArticles, updateArticle } from "../knowledge/knowledge.server";
import { createAdminClient } from "../shopify/client.server";

export const meta: MetaFunction = () => [{ title: "Knowledge base · Shopdesk" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, graphql } = await authenticateAdmin(request);
  const [articles, conflicts] = await Promise.all([listArticles(shop), knowledgeConflicts(shop, createAdminClient(graphql).request)]);
  return {
    articles: articles.map((a) => ({ id: a.id, title: a.title, body: a.body, language: a.language, kind: a.kind, published: a.published, updatedAt: a.updatedAt.toISOString() })),
    conflicts: conflicts?.map(({ articleId, articleTitle, topic, articleSays, policySays, policyTitle }) => ({ articleId, articleTitle, topic, articleSays, policySays, policyTitle })) ?? null,
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticateAdmin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  const id = String(form.get("id") ?? "");
  if (intent === "delete") {
    if (!(await deleteArticle(shop, id))) return data({ ok: false as const, errors: { form: "That article no longer exists." } }, { status: 404 });
    return { ok: true as const, errors: {} as Record<string, string>, message: "Article deleted." };
  }
  const parsed = ArticleInput.safeParse({
    title: form.get("title") ?? "",
    body: form.get("body") ?? "",
    language: form.get("language") ?? "",
    kind: form.get("kind") ?? "",
    // A checked box posts its name ("on" before hydration, "" after).
    published: form.has("published"),
  });
  if (!parsed.success) {
    return data({ ok: false as const, errors: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])) }, { status: 400 });
  }
  if (id) {
    if (!(await updateArticle(shop, id, parsed.data))) return data({ ok: false as const, errors: { form: "That article no longer exists." } }, { status: 404 });
    return { ok: true as const, errors: {} as Record<string, string>, message: "Article saved. The bot uses it from now on." };
  }
  await createArticle(shop, parsed.data);
  return { ok: true as const, errors: {} as Record<string, string>, message: "Article added. The bot uses it from now on." };
};

const EMPTY = { id: "", title: "", body: "", language: "en", kind: "faq", published: true };

type ConflictRow = Pick<Conflict, "articleId" | "articleTitle" | "topic" | "articleSays" | "policySays" | "policyTitle">;

/** The articles that contradict the shop's policies, each with what it says against what the policy says. */
function PolicyConflicts({ conflicts, onEdit }: { conflicts: ConflictRow[] | null; onEdit: (id: string) => void }) {
  if (conflicts === null) {
    return <Banner tone="info">Your shop policies could not be read just now, so the articles were not checked against them.</Banner>;
  }
  if (!conflicts.length) return null;
  const byArticle = new Map<string, ConflictRow[]>();
  for (const c of conflicts) byArticle.set(c.articleId, [...(byArticle.get(c.articleId) ?? []), c]);
  const count = byArticle.size;
  return (
    <Banner tone="warning" title={`${count} ${count === 1 ? "article contradicts" : "articles contradict"} your shop policies`}>
      <BlockStack gap="300">
        <Text as="p">When a shopper asks about one of these, the bot quotes the policy instead of the article. Edit the article (or the policy in Shopify) so both say the same.</Text>
        {[...byArticle.entries()].map(([id, rows]) => (
          <BlockStack gap="100" key={id}>
            <InlineStack gap="200" blockAlign="center">
              <Text as="p" fontWeight="semibold">{rows[0].articleTitle}</Text>
              <Button variant="plain" onClick={() => onEdit(id)} accessibilityLabel={`Edit “${rows[0].articleTitle}”`}>Edit article</Button>
            </InlineStack>
            <List>
              {rows.map((c) => (
                <List.Item key={`${c.topic}|${c.articleSays}`}>
                  {`${c.topic}: the article says “${c.articleSays}”, the ${c.policyTitle} says “${c.policySays}”.`}
                </List.Item>
              ))}
            </List>
          </BlockStack>
        ))}
      </BlockStack>
    </Banner>
  );
}

export default function Knowledge() {
  const { articles, conflicts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [params, setParams] = useSearchParams();
  const editing = articles.find((a) => a.id === params.get("edit"));
  const [draft, setDraft] = useState(editing ?? EMPTY);
  useEffect(() => setDraft(editing ?? EMPTY), [editing?.id]);
  useEffect(() => {
    if (result?.ok) {
      setDraft(EMPTY);
      if (params.get("edit")) setParams({});
    }
  }, [result]);
  const errors: Record<string, string> = result?.errors ?? {};

  return (
    <Page title="Knowledge base" subtitle="Answers the bot quotes, naming the article as its source">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && "message" in result ? <Banner tone="success">{result.message}</Banner> : null}
            {errors.form ? <Banner tone="critical">{errors.form}</Banner> : null}
            <PolicyConflicts conflicts={conflicts} onEdit={(id) => setParams({ edit: id })} />
            <Card>
              <Form method="post">
                <input type="hidden" name="id" value={draft.id} />
                <FormLayout>
                  <Text as="h2" variant="headingMd">{draft.id ? "Edit article" : "New article"}</Text>
                  <TextField label="Title or question" name="title" value={draft.title} onChange={(v) => setDraft({ ...draft, title: v })} autoComplete="off" error={errors.title} />
                  <TextField label="Answer" name="body" value={draft.body} onChange={(v) => setDraft({ ...draft, body: v })} multiline={5} autoComplete="off" error={errors.body} />
                  <FormLayout.Group>
                    <Select label="Language" name="language" options={LOCALE_OPTIONS} value={draft.language} onChange={(v) => setDraft({ ...draft, language: v })} error={errors.language} />
                    <Select label="Kind" name="kind" options={[{ label: "FAQ", value: "faq" }, { label: "Article", value: "article" }]} value={draft.kind} onChange={(v) => setDraft({ ...draft, kind: v })} />
                  </FormLayout.Group>
                  <Checkbox label="Published (the bot may use it)" name="published" checked={draft.published} onChange={(v) => setDraft({ ...draft, published: v })} />
                  <InlineStack gap="200">
                    <Button submit variant="primary" loading={saving}>{draft.id ? "Save" : "Add article"}</Button>
                    {draft.id ? <Button onClick={() => setParams({})}>Cancel</Button> : null}
                  </InlineStack>
                </FormLayout>
              </Form>
            </Card>
            {articles.map((a) => (
              <Card key={a.id}>
                <BlockStack gap="200">
                  <InlineStack align="space-between" blockAlign="center">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h3" variant="headingSm">{a.title}</Text>
                      <Badge>{a.language}</Badge>
                      <Badge tone={a.kind === "faq" ? "info" : undefined}>{a.kind}</Badge>
                      {a.published ? null : <Badge tone="attention">Draft</Badge>}
                    </InlineStack>
                    <InlineStack gap="200">
                      <Button onClick={() => setParams({ edit: a.id })}>Edit</Button>
                      <Form method="post">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="id" value={a.id} />
                        <Button submit tone="critical" variant="plain">Delete</Button>
                      </Form>
                    </InlineStack>
                  </InlineStack>
                  <Text as="p" tone="subdued">{a.body.length > 240 ? `${a.body.slice(0, 240)}…` : a.body}</Text>
                </BlockStack>
              </Card>
            ))}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
