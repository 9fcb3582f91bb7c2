package graph

// Classes and predicates. schema.org where a term fits; the project
// vocabulary (VocabNS) for stances, issues and evidence.
const (
	ClassPerson       = SchemaNS + "Person"
	ClassOrganization = SchemaNS + "Organization"
	ClassPlace        = SchemaNS + "Place"
	ClassIssue        = VocabNS + "Issue"
	ClassArticle      = SchemaNS + "NewsArticle"
	ClassRole         = SchemaNS + "OrganizationRole"
	ClassPosition     = VocabNS + "Position"
	ClassEvent        = SchemaNS + "Event"
	ClassEvidence     = VocabNS + "Evidence"

	PredName          = SchemaNS + "name"
	PredAlternateName = SchemaNS + "alternateName"
	PredMentions      = SchemaNS + "mentions" // article → entity

	PredHeadline      = SchemaNS + "headline"
	PredDatePublished = SchemaNS + "datePublished"
	PredURL           = SchemaNS + "url"
	PredPublisher     = SchemaNS + "publisher" // the source's name, a literal
	PredAuthor        = SchemaNS + "author"    // a literal
	PredFile          = VocabNS + "file"
	PredRecord        = VocabNS + "record"
	PredContentHash   = VocabNS + "contentHash"
	PredExtractor     = VocabNS + "extractor" // version of the extractor that produced the facts
	PredWordCount     = SchemaNS + "wordCount"

	PredPerson       = VocabNS + "person"
	PredRoleName     = SchemaNS + "roleName"
	PredOrganization = VocabNS + "organization"
	PredFormer       = VocabNS + "former"
	PredAsOf         = VocabNS + "asOf"

	PredParty  = VocabNS + "party"
	PredStance = VocabNS + "stance"
	PredIssue  = VocabNS + "issue"
	PredQuote  = VocabNS + "quote"

	PredStartDate   = SchemaNS + "startDate"
	PredGranularity = VocabNS + "dateGranularity"
	PredLocation    = SchemaNS + "location"
	PredParticipant = VocabNS + "participant"

	PredEvidence   = VocabNS + "evidence" // fact → evidence
	PredArticle    = VocabNS + "article"  // evidence → article
	PredSentence   = VocabNS + "sentence"
	PredStart      = VocabNS + "startOffset"
	PredEnd        = VocabNS + "endOffset"
	PredConfidence = VocabNS + "confidence"
)

// ClassOf returns the class IRI of an entity type.
func ClassOf(t EntityType) string {
	switch t {
	case Person:
		return ClassPerson
	case Organization:
		return ClassOrganization
	case Place:
		return ClassPlace
	case Issue:
		return ClassIssue
	}
	return VocabNS + string(t)
}

// TypeOfClass is the inverse of ClassOf; ok is false for a class that is not
// an entity class.
func TypeOfClass(class string) (t EntityType, ok bool) {
	for _, t := range []EntityType{Person, Organization, Place, Issue} {
		if ClassOf(t) == class {
			return t, true
		}
	}
	return "", false
}
