package graph

import (
	"fmt"
	"sort"
	"time"

	"github.com/cayleygraph/quad"
)

// DecodeArticle rebuilds the Facts whose Quads are qs: the inverse of
// Facts.Quads for the quads of one article. Article.Text is not stored, so
// it comes back empty (Words gives the stored count). Lists come back in a
// deterministic order, which need not be the order they were written in;
// Quads of the result equals qs as a set.
func DecodeArticle(qs []quad.Quad) (Facts, error) {
	nodes := make(map[string]map[string][]quad.Value)
	var order []string
	for _, q := range qs {
		s := iriOf(q.Subject)
		if s == "" {
			return Facts{}, fmt.Errorf("decode article: subject %v is not an IRI", q.Subject)
		}
		if nodes[s] == nil {
			nodes[s] = make(map[string][]quad.Value)
			order = append(order, s)
		}
		p := iriOf(q.Predicate)
		nodes[s][p] = append(nodes[s][p], q.Object)
	}
	sort.Strings(order)
	str := func(n map[string][]quad.Value, p string) string {
		for _, v := range n[p] {
			if s, ok := v.(quad.String); ok {
				return string(s)
			}
		}
		return ""
	}
	strs := func(n map[string][]quad.Value, p string) []string {
		var out []string
		for _, v := range n[p] {
			if s, ok := v.(quad.String); ok {
				out = append(out, string(s))
			}
		}
		sort.Strings(out)
		return out
	}
	link := func(n map[string][]quad.Value, p string) string {
		for _, v := range n[p] {
			if s := iriOf(v); s != "" {
				return s
			}
		}
		return ""
	}
	links := func(n map[string][]quad.Value, p string) []string {
		var out []string
		for _, v := range n[p] {
			if s := iriOf(v); s != "" {
				out = append(out, s)
			}
		}
		sort.Strings(out)
		return out
	}
	num := func(n map[string][]quad.Value, p string) (int64, float64) {
		for _, v := range n[p] {
			switch x := v.(type) {
			case quad.Int:
				return int64(x), float64(x)
			case quad.Float:
				return int64(x), float64(x)
			}
		}
		return 0, 0
	}
	class := func(n map[string][]quad.Value) string { return link(n, RDFType) }

	var f Facts
	entity := func(iri string) (Entity, error) {
		n := nodes[iri]
		t, ok := TypeOfClass(class(n))
		if !ok {
			return Entity{}, fmt.Errorf("decode article: %s is not an entity", iri)
		}
		return Entity{Type: t, Name: str(n, PredName), Aliases: strs(n, PredAlternateName)}, nil
	}
	optEntity := func(iri string) (*Entity, error) {
		if iri == "" {
			return nil, nil
		}
		e, err := entity(iri)
		return &e, err
	}
	evidence := func(n map[string][]quad.Value) []Evidence {
		var evs []Evidence
		for _, id := range links(n, PredEvidence) {
			en := nodes[id]
			start, _ := num(en, PredStart)
			end, _ := num(en, PredEnd)
			_, conf := num(en, PredConfidence)
			evs = append(evs, Evidence{Sentence: str(en, PredSentence), Start: int(start), End: int(end), Confidence: conf})
		}
		sort.Slice(evs, func(i, j int) bool { return evs[i].Start < evs[j].Start })
		return evs
	}
	var err error
	for _, s := range order {
		n := nodes[s]
		switch c := class(n); c {
		case ClassArticle:
			rec, _ := num(n, PredRecord)
			words, _ := num(n, PredWordCount)
			a := Article{File: str(n, PredFile), Record: int(rec), Title: str(n, PredHeadline), URL: str(n, PredURL),
				Source: str(n, PredPublisher), Author: str(n, PredAuthor), Hash: str(n, PredContentHash),
				words: int(words)}
			if d := str(n, PredDatePublished); d != "" {
				if a.Date, err = time.Parse("2006-01-02", d); err != nil {
					return f, fmt.Errorf("decode article %s: date: %w", s, err)
				}
			}
			f.Article = a
			f.Extractor = str(n, PredExtractor)
		case ClassRole:
			r := Role{Title: str(n, PredRoleName), Evidence: evidence(n)}
			if r.Person, err = entity(link(n, PredPerson)); err != nil {
				return f, err
			}
			if r.Org, err = optEntity(link(n, PredOrganization)); err != nil {
				return f, err
			}
			for _, v := range n[PredFormer] {
				if b, ok := v.(quad.Bool); ok && bool(b) {
					r.Former = true
				}
			}
			if d := str(n, PredAsOf); d != "" {
				r.AsOf = Date{Value: d, Granularity: Day}
			}
			f.Roles = append(f.Roles, r)
		case ClassPosition:
			p := Position{Stance: Stance(str(n, PredStance)), Quote: str(n, PredQuote), Evidence: evidence(n)}
			if p.Party, err = entity(link(n, PredParty)); err != nil {
				return f, err
			}
			if p.Issue, err = entity(link(n, PredIssue)); err != nil {
				return f, err
			}
			f.Positions = append(f.Positions, p)
		case ClassEvent:
			e := Event{Name: str(n, PredName), Date: Date{Value: str(n, PredStartDate), Granularity: Granularity(str(n, PredGranularity))},
				Evidence: evidence(n)}
			if e.Place, err = optEntity(link(n, PredLocation)); err != nil {
				return f, err
			}
			for _, p := range links(n, PredParticipant) {
				pe, err := entity(p)
				if err != nil {
					return f, err
				}
				e.Participants = append(e.Participants, pe)
			}
			f.Events = append(f.Events, e)
		default:
			if _, ok := TypeOfClass(c); ok {
				e, _ := entity(s)
				f.Entities = append(f.Entities, e)
			}
		}
	}
	if f.Article.File == "" {
		return f, fmt.Errorf("decode article: no article node among %d quads", len(qs))
	}
	return f, nil
}
