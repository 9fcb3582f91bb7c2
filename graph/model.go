package graph

import (
	"strings"
	"time"
)

// EntityType is the class of an entity node.
type EntityType string

const (
	Person       EntityType = "Person"
	Organization EntityType = "Organization"
	Place        EntityType = "Place"
	Issue        EntityType = "Issue"
)

// Entity is a person, organization, place or issue. Name is the canonical
// name; Aliases are the other surface forms seen for it (the canonical name is
// not repeated there).
type Entity struct {
	Type    EntityType
	Name    string
	Aliases []string
}

// IRI returns the entity's stable IRI, derived from its type and name.
func (e Entity) IRI() string { return EntityIRI(e.Type, e.Name) }

// Evidence ties a fact to the sentence of an article that states it.
// Start and End are byte offsets of Sentence within the article's Text.
type Evidence struct {
	Sentence   string
	Start, End int
	Confidence float64 // in [0, 1]
}

// Role: a person holds a role title, optionally in an organization (or country).
type Role struct {
	Person   Entity
	Title    string
	Org      *Entity // nil when the text does not give one
	Former   bool
	AsOf     Date // the article's date, when known
	Evidence []Evidence
}

// Stance is a party's attitude to an issue.
type Stance string

const (
	Supports Stance = "SUPPORTS"
	Opposes  Stance = "OPPOSES"
	Demands  Stance = "DEMANDS"
	Proposes Stance = "PROPOSES"
	Rejects  Stance = "REJECTS"
)

// Stances lists every Stance in a fixed order.
var Stances = []Stance{Supports, Opposes, Demands, Proposes, Rejects}

// Position: a party (person, organization, country) takes a stance on an issue.
type Position struct {
	Party    Entity
	Stance   Stance
	Issue    Entity // Type Issue
	Quote    string // the words the party used, when quoted
	Evidence []Evidence
}

// Granularity says how much of a Date is known.
type Granularity string

const (
	Day      Granularity = "day"
	Month    Granularity = "month"
	Year     Granularity = "year"
	MonthDay Granularity = "monthday" // --MM-DD: the year cannot be known
)

// Date is an ISO 8601 calendar date of some granularity: "2025-11-30" (Day),
// "2025-11" (Month), "2025" (Year) or "--11-30" (MonthDay). The zero Date is
// "unknown".
type Date struct {
	Value       string
	Granularity Granularity
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Value == "" }

// DayDate returns the Day-granularity Date of t.
func DayDate(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	return Date{Value: t.Format("2006-01-02"), Granularity: Day}
}

// Event: something that happened or is planned, with its date and place.
type Event struct {
	Name         string
	Date         Date
	Place        *Entity
	Participants []Entity
	Evidence     []Evidence
}

// Article is one news article as read from a file, before or after NLP.
type Article struct {
	File   string // path relative to the ingested folder, slash-separated
	Record int    // which article of File: 0 for single-article files, the line (1-based) of a .jsonl
	Title  string
	Date   time.Time // publication date; zero when unknown
	URL    string
	Source string // the publisher
	Author string
	Text   string // the cleaned body text the facts' offsets refer to
	Hash   string // hex SHA-256 of what was read, to tell a changed file

	// words is the stored word count of an article decoded from the store,
	// whose text is not kept.
	words int
}

// IRI returns the article's stable IRI, derived from its file and record.
func (a Article) IRI() string { return ArticleIRI(a.File, a.Record) }

// Words counts the whitespace-separated words of the article's text (for an
// article decoded from the store, the count stored with it).
func (a Article) Words() int {
	if a.Text == "" {
		return a.words
	}
	return len(strings.Fields(a.Text))
}

// Facts is everything extracted from one article: the unit that is stored
// in one transaction.
type Facts struct {
	Article   Article
	Entities  []Entity // every entity mentioned, with the aliases seen in this article
	Roles     []Role
	Positions []Position
	Events    []Event
	Extractor string // version of the extractor that produced these facts
}
