package graph

import (
	"sort"

	"github.com/cayleygraph/quad"
)

// Quads returns the quads that store f, every one labelled with the
// article's IRI, in a deterministic order and without duplicates. Entities
// referred to by a fact are written even when f.Entities omits them; the
// aliases of an entity listed several times are merged.
func (f Facts) Quads() []quad.Quad {
	art := f.Article.IRI()
	label := quad.IRI(art)
	seen := make(map[quad.Quad]bool)
	var qs []quad.Quad
	add := func(s, p string, o quad.Value) {
		q := quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: o, Label: label}
		if !seen[q] {
			seen[q] = true
			qs = append(qs, q)
		}
	}
	str := func(s, p, v string) {
		if v != "" {
			add(s, p, quad.String(v))
		}
	}
	link := func(s, p, o string) { add(s, p, quad.IRI(o)) }

	a := f.Article
	link(art, RDFType, ClassArticle)
	str(art, PredHeadline, a.Title)
	if !a.Date.IsZero() {
		str(art, PredDatePublished, a.Date.Format("2006-01-02"))
	}
	str(art, PredURL, a.URL)
	str(art, PredPublisher, a.Source)
	str(art, PredAuthor, a.Author)
	str(art, PredFile, a.File)
	add(art, PredRecord, quad.Int(a.Record))
	str(art, PredContentHash, a.Hash)
	str(art, PredExtractor, f.Extractor)
	add(art, PredWordCount, quad.Int(a.Words()))

	// Entities first, merged by IRI, so every fact's ends are typed and named.
	entities := make(map[string]*Entity)
	var order []string
	note := func(e Entity) {
		if e.Name == "" {
			return
		}
		iri := e.IRI()
		m, ok := entities[iri]
		if !ok {
			c := Entity{Type: e.Type, Name: e.Name}
			m = &c
			entities[iri] = m
			order = append(order, iri)
		}
		m.Aliases = append(m.Aliases, e.Aliases...)
		if e.Name != m.Name {
			m.Aliases = append(m.Aliases, e.Name)
		}
	}
	for _, e := range f.Entities {
		note(e)
	}
	for _, r := range f.Roles {
		note(r.Person)
		if r.Org != nil {
			note(*r.Org)
		}
	}
	for _, p := range f.Positions {
		note(p.Party)
		note(p.Issue)
	}
	for _, e := range f.Events {
		if e.Place != nil {
			note(*e.Place)
		}
		for _, p := range e.Participants {
			note(p)
		}
	}
	sort.Strings(order)
	for _, iri := range order {
		e := entities[iri]
		link(iri, RDFType, ClassOf(e.Type))
		str(iri, PredName, e.Name)
		for _, al := range e.Aliases {
			if al != e.Name {
				str(iri, PredAlternateName, al)
			}
		}
		link(art, PredMentions, iri)
	}

	// evidence writes the fact's evidence, and on the fact itself the
	// highest confidence this article gives it, so readers can filter facts
	// by confidence without reading their evidence.
	evidence := func(fact string, evs []Evidence) {
		best := -1.0
		for _, ev := range evs {
			best = max(best, ev.Confidence)
		}
		if best >= 0 {
			add(fact, PredConfidence, quad.Float(best))
		}
		for _, ev := range evs {
			id := EvidenceIRI(art, fact, ev.Start)
			link(fact, PredEvidence, id)
			link(id, RDFType, ClassEvidence)
			link(id, PredArticle, art)
			str(id, PredSentence, ev.Sentence)
			add(id, PredStart, quad.Int(ev.Start))
			add(id, PredEnd, quad.Int(ev.End))
			add(id, PredConfidence, quad.Float(ev.Confidence))
		}
	}
	for _, r := range f.Roles {
		if r.Person.Name == "" || r.Title == "" {
			continue
		}
		id := r.IRI()
		link(id, RDFType, ClassRole)
		link(id, PredPerson, r.Person.IRI())
		str(id, PredRoleName, r.Title)
		if r.Org != nil && r.Org.Name != "" {
			link(id, PredOrganization, r.Org.IRI())
		}
		add(id, PredFormer, quad.Bool(r.Former))
		str(id, PredAsOf, r.AsOf.Value)
		evidence(id, r.Evidence)
	}
	for _, p := range f.Positions {
		if p.Party.Name == "" || p.Issue.Name == "" || p.Stance == "" {
			continue
		}
		id := p.IRI()
		link(id, RDFType, ClassPosition)
		link(id, PredParty, p.Party.IRI())
		str(id, PredStance, string(p.Stance))
		link(id, PredIssue, p.Issue.IRI())
		str(id, PredQuote, p.Quote)
		evidence(id, p.Evidence)
	}
	for _, e := range f.Events {
		if e.Name == "" {
			continue
		}
		id := e.IRI()
		link(id, RDFType, ClassEvent)
		str(id, PredName, e.Name)
		str(id, PredStartDate, e.Date.Value)
		str(id, PredGranularity, string(e.Date.Granularity))
		if e.Place != nil && e.Place.Name != "" {
			link(id, PredLocation, e.Place.IRI())
		}
		for _, p := range e.Participants {
			if p.Name != "" {
				link(id, PredParticipant, p.IRI())
			}
		}
		evidence(id, e.Evidence)
	}
	return qs
}
