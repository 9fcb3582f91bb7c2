package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Base is the prefix of every node IRI kg mints. It is fixed, so the same
// input gives the same IRI on every machine; `kg serve` answers for the paths
// below it.
const Base = "https://kg.localhost/id/"

// Vocabularies used for predicates and classes.
const (
	SchemaNS = "https://schema.org/"
	VocabNS  = "https://kg.localhost/vocab#"
	RDFType  = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
)

// Slug reduces a name to lower-case ASCII letters and digits joined by '-':
// accents are dropped, everything else separates words. It returns "_" for a
// name with no letters or digits.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteString(strings.ToLower(string(r)))
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// hashID is a short, stable digest of parts; parts are joined with a
// separator that cannot occur in them by accident.
func hashID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:10])
}

// EntityIRI is the IRI of the entity of type t named name.
func EntityIRI(t EntityType, name string) string {
	return Base + strings.ToLower(string(t)) + "/" + Slug(name)
}

// ArticleIRI is the IRI of the record-th article of file.
func ArticleIRI(file string, record int) string {
	return Base + "article/" + hashID(file, strconv.Itoa(record))
}

// IRI returns the role's IRI, derived from its person, title and organization.
func (r Role) IRI() string {
	org := ""
	if r.Org != nil {
		org = r.Org.IRI()
	}
	return Base + "role/" + hashID(r.Person.IRI(), Slug(r.Title), org)
}

// IRI returns the position's IRI, derived from its party, stance and issue.
func (p Position) IRI() string {
	return Base + "position/" + hashID(p.Party.IRI(), string(p.Stance), p.Issue.IRI())
}

// IRI returns the event's IRI, derived from its name, date and place.
func (e Event) IRI() string {
	place := ""
	if e.Place != nil {
		place = e.Place.IRI()
	}
	return Base + "event/" + hashID(Slug(e.Name), e.Date.Value, place)
}

// EvidenceIRI is the IRI of the evidence that the article with IRI article
// gives for the fact with IRI fact at byte offset start.
func EvidenceIRI(article, fact string, start int) string {
	return Base + "evidence/" + hashID(article, fact, strconv.Itoa(start))
}
