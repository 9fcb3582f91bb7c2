// Package extract turns the cleaned text of a news article into typed facts
// for the knowledge graph: the entities it mentions (people, organizations,
// places, with their surface forms as aliases), roles (person – title –
// organization), positions (party – stance – issue) and events (event –
// date – place), each with the sentence that states it, its byte offsets in
// the article text and a confidence.
//
// NLP wraps github.com/jdkato/prose/v2 (sentence segmentation, tokens,
// part-of-speech tags, entity chunks) with one prose model per process.
// Extractor applies rules on top of it: gazetteers of countries (with
// demonyms and short forms), cities, regions and international
// organizations; a lexicon of role titles; title patterns ("Russian
// President Vladimir Putin"), appositions ("X, the secretary of the Y
// Council"), "who heads", "led by", "resigned as"; stance verbs with
// negation, hypotheticals and reported speech; event words with absolute and
// relative dates resolved against the article date. Everything is general
// knowledge: no rule names a particular article.
//
// The package never reads files and never talks to a store; package ingest
// hands it graph.Article values and stores the graph.Facts it returns.
package extract
