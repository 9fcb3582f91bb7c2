package queries

// Entity is a person, organization, place or issue.
type Entity struct {
	ID      string // the entity's IRI
	Type    string // "Person", "Organization", "Place" or "Issue"
	Name    string
	Aliases []string
}

// Article is a source article, as stored.
type Article struct {
	ID     string // the article's IRI
	Title  string
	Date   string // YYYY-MM-DD, or "" when unknown
	URL    string
	Source string
	File   string // path relative to the ingested folder
}

// Evidence is one sentence of an article stating a fact.
type Evidence struct {
	Article    Article
	Sentence   string
	Start, End int
	Confidence float64
}

// Fact holds what every kind of fact has.
type Fact struct {
	ID         string // the fact's IRI
	Evidence   []Evidence
	Sources    []Article // the distinct articles of Evidence, sorted by file
	Confidence float64   // the highest confidence of its evidence
}

// Role: a person holds a title, optionally in an organization.
type Role struct {
	Fact
	Person       Entity
	Title        string
	Organization *Entity
	Former       bool
	AsOf         string
}

// Position: a party takes a stance on an issue.
type Position struct {
	Fact
	Party  Entity
	Stance string
	Issue  Entity
	Quote  string
}

// Event: something that happened or is planned, with date and place.
type Event struct {
	Fact
	Name         string
	Date         string
	Granularity  string
	Place        *Entity
	Participants []Entity
}
