package queries

import (
	"context"
	"strings"

	"kg/graph"
)

// articleIDs returns the IRIs of the articles that ref names: an article IRI,
// or a file path relative to the ingested folder (all records of a .jsonl).
func (q *Service) articleIDs(ctx context.Context, ref string) ([]string, error) {
	if strings.HasPrefix(ref, graph.Base) {
		return []string{ref}, nil
	}
	return q.store.ArticlesOfFile(ctx, ref)
}

// Article returns the article with the given IRI; ok is false when there is
// none.
func (q *Service) Article(ctx context.Context, id string) (a Article, ok bool, err error) {
	l := q.loader(ctx)
	n, err := l.node(id)
	if err != nil || !hasClass(n, graph.ClassArticle) {
		return Article{}, false, err
	}
	a, err = l.article(id)
	return a, err == nil, err
}

// Articles returns a page of the stored articles (only those of file, when
// not empty), ordered by file and then by IRI.
func (q *Service) Articles(ctx context.Context, file string, p Page) (List[Article], error) {
	if file != "" {
		ids, err := q.store.ArticlesOfFile(ctx, file)
		if err != nil {
			return List[Article]{}, err
		}
		return q.articleList(ctx, ids, p)
	}
	ids, err := q.store.OfClass(ctx, graph.ClassArticle)
	if err != nil {
		return List[Article]{}, err
	}
	return q.articleList(ctx, ids, p)
}

func (q *Service) articleList(ctx context.Context, ids []string, p Page) (List[Article], error) {
	l := q.loader(ctx)
	var all []Article
	var keys []string
	for _, id := range ids {
		a, err := l.article(id)
		if err != nil {
			return List[Article]{}, err
		}
		all = append(all, a)
	}
	sortArticles(all)
	for _, a := range all {
		keys = append(keys, a.File+"\x00"+a.ID)
	}
	return pageByKey(all, keys, p)
}

func sortArticles(as []Article) {
	sortBy(as, func(a Article) string { return a.File + "\x00" + a.ID })
}

// ArticleByRef returns the article ref names: an article IRI, or a file (its
// first record).
func (q *Service) ArticleByRef(ctx context.Context, ref string) (Article, bool, error) {
	ids, err := q.articleIDs(ctx, ref)
	if err != nil || len(ids) == 0 {
		return Article{}, false, err
	}
	return q.Article(ctx, ids[0])
}

// ArticlesMentioning returns a page of the articles that mention the entity
// with IRI id, ordered by file.
func (q *Service) ArticlesMentioning(ctx context.Context, id string, p Page) (List[Article], error) {
	ids, err := q.store.Subjects(ctx, graph.PredMentions, id)
	if err != nil {
		return List[Article]{}, err
	}
	return q.articleList(ctx, ids, p)
}
