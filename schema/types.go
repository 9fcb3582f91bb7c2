package schema

import (
	"github.com/graphql-go/graphql"

	"kg/queries"
)

// field resolves a field of T from the source value.
func field[T any](get func(T) any) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		switch v := p.Source.(type) {
		case T:
			return get(v), nil
		case *T:
			return get(*v), nil
		}
		return nil, nil
	}
}

var nonNullString = graphql.NewNonNull(graphql.String)

var entityFields = graphql.Fields{
	"id":      {Type: graphql.NewNonNull(graphql.ID), Description: "The entity's IRI."},
	"name":    {Type: nonNullString, Description: "The canonical name."},
	"aliases": {Type: graphql.NewNonNull(graphql.NewList(nonNullString)), Description: "Other names seen for the entity."},
}

// types holds the schema's types; they are built once per schema.
type types struct {
	entity                                   *graphql.Interface
	person, organization, place, issue       *graphql.Object
	article, evidence, role, position, event *graphql.Object
	stance                                   *graphql.Enum
}

func newTypes() *types {
	t := &types{}
	t.entity = graphql.NewInterface(graphql.InterfaceConfig{
		Name:        "Entity",
		Description: "A person, organization, place or issue.",
		Fields:      entityFields,
		ResolveType: func(p graphql.ResolveTypeParams) *graphql.Object {
			var typ string
			switch v := p.Value.(type) {
			case queries.Entity:
				typ = v.Type
			case *queries.Entity:
				typ = v.Type
			}
			switch typ {
			case "Person":
				return t.person
			case "Organization":
				return t.organization
			case "Place":
				return t.place
			}
			return t.issue
		},
	})
	t.person = t.entityObject("Person", "A person.")
	t.organization = t.entityObject("Organization", "An organization: a government body, company, party, committee.")
	t.place = t.entityObject("Place", "A country, region, city or venue.")
	t.issue = t.entityObject("Issue", "Something parties take stances on.")
	t.article = newArticleType()
	t.evidence = newEvidenceType(t.article)
	t.stance = newStanceEnum()
	t.role = t.newRoleType()
	t.position = t.newPositionType()
	t.event = t.newEventType()
	return t
}

func (t *types) entityTypes() []graphql.Type {
	return []graphql.Type{t.person, t.organization, t.place, t.issue}
}

func (t *types) entityObject(name, desc string) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        name,
		Description: desc,
		Interfaces:  []*graphql.Interface{t.entity},
		Fields: graphql.Fields{
			"id":      {Type: graphql.NewNonNull(graphql.ID), Description: "The entity's IRI.", Resolve: field(func(e queries.Entity) any { return e.ID })},
			"name":    {Type: nonNullString, Description: "The canonical name.", Resolve: field(func(e queries.Entity) any { return e.Name })},
			"aliases": {Type: graphql.NewNonNull(graphql.NewList(nonNullString)), Description: "Other names seen for the entity.", Resolve: field(func(e queries.Entity) any { return nonNil(e.Aliases) })},
		},
	})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func newArticleType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Article",
		Description: "A source article.",
		Fields: graphql.Fields{
			"id":     {Type: graphql.NewNonNull(graphql.ID), Description: "The article's IRI.", Resolve: field(func(a queries.Article) any { return a.ID })},
			"title":  {Type: graphql.String, Description: "The headline.", Resolve: field(func(a queries.Article) any { return a.Title })},
			"date":   {Type: graphql.String, Description: "Publication date, YYYY-MM-DD.", Resolve: field(func(a queries.Article) any { return nullable(a.Date) })},
			"url":    {Type: graphql.String, Description: "Where the article was published.", Resolve: field(func(a queries.Article) any { return nullable(a.URL) })},
			"source": {Type: graphql.String, Description: "The publisher.", Resolve: field(func(a queries.Article) any { return nullable(a.Source) })},
			"file":   {Type: nonNullString, Description: "Path of the file relative to the ingested folder.", Resolve: field(func(a queries.Article) any { return a.File })},
		},
	})
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func newEvidenceType(articleType *graphql.Object) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Evidence",
		Description: "The sentence of an article that states a fact.",
		Fields: graphql.Fields{
			"article":    {Type: graphql.NewNonNull(articleType), Description: "The article.", Resolve: field(func(e queries.Evidence) any { return e.Article })},
			"sentence":   {Type: nonNullString, Description: "The sentence.", Resolve: field(func(e queries.Evidence) any { return e.Sentence })},
			"start":      {Type: graphql.NewNonNull(graphql.Int), Description: "Byte offset of the sentence in the article's cleaned text.", Resolve: field(func(e queries.Evidence) any { return e.Start })},
			"end":        {Type: graphql.NewNonNull(graphql.Int), Description: "Byte offset just past the sentence.", Resolve: field(func(e queries.Evidence) any { return e.End })},
			"confidence": {Type: graphql.NewNonNull(graphql.Float), Description: "How sure the extractor was, 0 to 1.", Resolve: field(func(e queries.Evidence) any { return e.Confidence })},
		},
	})
}

// factFields are the fields every fact type has.
func (t *types) factFields(get func(any) queries.Fact) graphql.Fields {
	return graphql.Fields{
		"id": {Type: graphql.NewNonNull(graphql.ID), Description: "The fact's IRI.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return get(p.Source).ID, nil }},
		"confidence": {Type: graphql.NewNonNull(graphql.Float), Description: "The highest confidence of its evidence.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return get(p.Source).Confidence, nil }},
		"sources": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.article))), Description: "The articles that state the fact.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(get(p.Source).Sources), nil }},
		"evidence": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.evidence))), Description: "The sentences that state the fact.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(get(p.Source).Evidence), nil }},
	}
}

func with(f graphql.Fields, more graphql.Fields) graphql.Fields {
	for k, v := range more {
		f[k] = v
	}
	return f
}

func (t *types) newRoleType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Role",
		Description: "A person holds a role title, optionally in an organization or country.",
		Fields: with(t.factFields(func(v any) queries.Fact { return v.(queries.Role).Fact }), graphql.Fields{
			"person":       {Type: graphql.NewNonNull(t.entity), Description: "Who holds the role.", Resolve: field(func(r queries.Role) any { return r.Person })},
			"role":         {Type: nonNullString, Description: "The title, as written.", Resolve: field(func(r queries.Role) any { return r.Title })},
			"organization": {Type: t.entity, Description: "Where the role is held, when the text says.", Resolve: field(func(r queries.Role) any { return optEntity(r.Organization) })},
			"former":       {Type: graphql.NewNonNull(graphql.Boolean), Description: "Whether the person no longer holds it.", Resolve: field(func(r queries.Role) any { return r.Former })},
			"asOf":         {Type: graphql.String, Description: "The date the role is stated for.", Resolve: field(func(r queries.Role) any { return nullable(r.AsOf) })},
		}),
	})
}

func optEntity(e *queries.Entity) any {
	if e == nil {
		return nil
	}
	return *e
}

func newStanceEnum() *graphql.Enum {
	return graphql.NewEnum(graphql.EnumConfig{
		Name:        "Stance",
		Description: "A party's attitude to an issue.",
		Values: graphql.EnumValueConfigMap{
			"SUPPORTS": {Value: "SUPPORTS", Description: "backs, endorses, welcomes"},
			"OPPOSES":  {Value: "OPPOSES", Description: "is against, criticises"},
			"DEMANDS":  {Value: "DEMANDS", Description: "demands, insists on, calls for"},
			"PROPOSES": {Value: "PROPOSES", Description: "proposes, plans, offers"},
			"REJECTS":  {Value: "REJECTS", Description: "rejects, refuses"},
		},
	})
}

func (t *types) newPositionType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Position",
		Description: "A party (person, organization, country) takes a stance on an issue.",
		Fields: with(t.factFields(func(v any) queries.Fact { return v.(queries.Position).Fact }), graphql.Fields{
			"party":  {Type: graphql.NewNonNull(t.entity), Description: "Who takes the stance.", Resolve: field(func(r queries.Position) any { return r.Party })},
			"stance": {Type: graphql.NewNonNull(t.stance), Description: "The stance.", Resolve: field(func(r queries.Position) any { return r.Stance })},
			"issue":  {Type: graphql.NewNonNull(t.entity), Description: "What the stance is about.", Resolve: field(func(r queries.Position) any { return r.Issue })},
			"quote":  {Type: graphql.String, Description: "The party's own words, when quoted.", Resolve: field(func(r queries.Position) any { return nullable(r.Quote) })},
		}),
	})
}

func (t *types) newEventType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Event",
		Description: "Something that happened or is planned, with its date and place.",
		Fields: with(t.factFields(func(v any) queries.Fact { return v.(queries.Event).Fact }), graphql.Fields{
			"name":         {Type: nonNullString, Description: "A short name.", Resolve: field(func(r queries.Event) any { return r.Name })},
			"date":         {Type: graphql.String, Description: "ISO 8601: YYYY-MM-DD, YYYY-MM, YYYY, or --MM-DD when the year is unknown.", Resolve: field(func(r queries.Event) any { return nullable(r.Date) })},
			"granularity":  {Type: graphql.String, Description: "day, month, year or monthday.", Resolve: field(func(r queries.Event) any { return nullable(r.Granularity) })},
			"place":        {Type: t.entity, Description: "Where it happened.", Resolve: field(func(r queries.Event) any { return optEntity(r.Place) })},
			"participants": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.entity))), Description: "Who took part.", Resolve: field(func(r queries.Event) any { return nonNil(r.Participants) })},
		}),
	})
}
